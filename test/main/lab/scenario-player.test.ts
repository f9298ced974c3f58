import { afterEach, describe, expect, it } from 'vitest'
import { playScenario } from '../../../src/main/lab/scenario-player'
import { scenarioSchema } from '../../../src/shared/scenario'
import { createRecordedLab } from '../../support/recording'

let lab: Awaited<ReturnType<typeof createRecordedLab>> | null = null
afterEach(async () => {
  await lab?.close()
  lab = null
})

describe('playing a scenario', () => {
  it('begins a new run at a reset of the whole network, so no replay mixes the two histories', async () => {
    lab = await createRecordedLab({ nodes: 2 })
    const scenario = scenarioSchema.parse({
      commands: [
        { at: 1, do: 'mine', node: 'node1' },
        { at: 4, do: 'cut', a: 'node1', b: 'node2' },
        { at: 6, do: 'reset' },
        { at: 2, do: 'tx', node: 'node2', sender: 'so', recipient: 'aki', value: 1 },
      ],
      until: 3,
    })
    await playScenario(lab.service, scenario)
    await lab.recorder.sync()
    const runs = lab.recorder.reader.listRuns().sort((a, b) => a.id - b.id)
    expect(runs.map((r) => r.id)).toEqual([lab.runId, lab.runId + 1])
    const [before, after] = runs
    expect(before!.clocks).toBe(6)
    expect(after!.clocks).toBe(3)
    // The new run starts at genesis, started and cut as the old network was at the reset.
    const fresh = lab.recorder.replayer.stateAt(after!.id, 0)
    expect(fresh.nodes.map((n) => n.chain.length)).toEqual([1, 1])
    const info = await lab.service.info()
    expect(info.started).toBe(true)
    expect(info.links).toEqual([expect.objectContaining({ a: 'node1', b: 'node2', up: false })])
    // What the old run recorded up to the reset is still there, whole.
    const old = lab.recorder.replayer.stateAt(before!.id, 6)
    expect(old.nodes.find((n) => n.id === 'node1')!.chain.length).toBeGreaterThan(1)
  })

  it('resets one node in place: the run goes on', async () => {
    lab = await createRecordedLab({ nodes: 2 })
    const scenario = scenarioSchema.parse({
      commands: [
        { at: 1, do: 'mine', node: 'node1' },
        { at: 5, do: 'reset', node: 'node2' },
      ],
      until: 7,
    })
    await playScenario(lab.service, scenario)
    await lab.recorder.sync()
    expect(lab.recorder.reader.listRuns().map((r) => r.id)).toEqual([lab.runId])
  })
})
