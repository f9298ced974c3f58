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
