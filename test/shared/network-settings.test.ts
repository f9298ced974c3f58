import { describe, expect, it } from 'vitest'
import { createConfig } from '../../src/core/config'
import {
  configFromSettings,
  settingsOfConfig,
  type NetworkSettings,
} from '../../src/shared/network-settings'

describe("a network's settings", () => {
  it('become the engine config, every setting left out taking its default', () => {
    expect(configFromSettings({})).toEqual(createConfig())
    expect(configFromSettings({ nodes: 4, topology: 'ring', txRate: 0.5 })).toEqual(
      createConfig({
        nodes: 4,
        topology: { kind: 'ring' },
        workload: { rate: 0.5, minValue: 1, maxValue: 10 },
      }),
    )
  })

  it("keep the base's value for every setting left out, and its epoch", () => {
    const base = createConfig({
      nodes: 3,
      seed: 9,
      latency: 2,
      autoMine: { interval: 30, hashPower: [1, 2, 3] },
      workload: { rate: 1, minValue: 5, maxValue: 6 },
      epoch: '2030/01/02 03:04:05',
    })
    expect(configFromSettings({ difficulty: 4 }, base)).toEqual({ ...base, difficulty: 4 })
    const grown = configFromSettings({ nodes: 4, txRate: 2 }, base)
    // The base's hash power fits only three nodes; a new rate takes the default values.
    expect(grown.autoMine).toEqual({ interval: 30, hashPower: null })
    expect(grown.workload).toEqual({ rate: 2, minValue: 1, maxValue: 10 })
    expect(grown.epoch).toBe('2030/01/02 03:04:05')
    expect(configFromSettings({ interval: null, txRate: 0 }, base)).toMatchObject({
      autoMine: null,
      workload: null,
    })
  })

  it("give the workload's transfer values when the settings name them", () => {
    expect(configFromSettings({ txRate: 3, txValues: { min: 2, max: 4 } }).workload).toEqual({
      rate: 3,
      minValue: 2,
      maxValue: 4,
    })
  })

  it('refuse a setting the engine refuses, naming it', () => {
    expect(() => configFromSettings({ topology: 'random:3', nodes: 5 })).toThrow(/topology/)
  })

  it('come back from the config they made (a run as a scenario file)', () => {
    const settings: NetworkSettings = {
      nodes: 5,
      topology: 'random:2',
      seed: 7,
      difficulty: 3,
      latency: 2,
      latencySpread: 1,
      interval: 40,
      hashPower: [1, 2, 3, 4, 5],
      txRate: 2,
      genesis: [
        { recipient: 'aki', value: 10 },
        { recipient: 'so', value: 3 },
      ],
    }
    expect(settingsOfConfig(configFromSettings(settings))).toEqual(settings)
  })
})
