import { afterEach, describe, expect, it, vi } from 'vitest'
import { createRandom } from '../../../../src/core/random'
import {
  CACHED_RUNS,
  RunReplayCache,
  SAVED_PER_RUN,
} from '../../../../src/main/recorder/replay/replay-cache'
import { ReplayStopped } from '../../../../src/main/recorder/replay/replay-cursor'
import { RunReplayer } from '../../../../src/main/recorder/replay/run-replay'
import type { LabService } from '../../../../src/main/lab/lab-service'
import { createRecordedLab } from '../../../support/recording'

type Lab = Awaited<ReturnType<typeof createRecordedLab>>

/**
 * Clocks with mining, forks and transfers, given as steps of 1 to 4 clocks (so asked clocks fall
 * inside steps) and now and then one node stepped on alone.
 */
async function play(service: LabService, seed: number, clocks: number): Promise<void> {
  const random = createRandom(seed)
  const accounts = ['aki', 'so', 'satoshi']
  while ((await service.query({ type: 'clock' })) < clocks) {
    if (random.next() < 0.3)
      await service.execute({ type: 'mine', node: `node${1 + random.int(4)}` }, 'lab-api')
    if (random.next() < 0.3)
      await service.execute(
        {
          type: 'submit-tx',
          node: `node${1 + random.int(4)}`,
          tx: { sender: accounts[random.int(3)]!, recipient: accounts[random.int(3)]!, value: 1 },
        },
        'lab-api',
      )
    await service.execute({ type: 'step', clocks: 1 + random.int(4) }, 'lab-api')
  }
}

async function recordedLab(): Promise<Lab> {
  const lab = await createRecordedLab(
    { nodes: 4, topology: { kind: 'ring' }, latency: 1 },
    { checkpointEvery: 15 },
  )
  await lab.service.execute({ type: 'start' }, 'lab-api')
  return lab
}

/** The state at each clock in turn from the (cached) replayer, each next to a fresh rebuild. */
function expectScrubbing(lab: Lab, clocks: readonly number[]): void {
  for (const clock of clocks) {
    const fresh = new RunReplayer(lab.recorder.reader).stateAt(lab.runId, clock)
    expect(lab.recorder.replayer.stateAt(lab.runId, clock), `clock ${clock}`).toEqual(fresh)
  }
}

describe('the replay cache', () => {
  let lab: Lab
  afterEach(() => lab.close())

  it('answers what a fresh rebuild answers, scrubbing forward one clock at a time across checkpoints', async () => {
    lab = await recordedLab()
    await play(lab.service, 3, 60)
    await lab.recorder.sync()
    expectScrubbing(
      lab,
      Array.from({ length: 61 }, (_, i) => i),
    )
  })

  it('answers what a fresh rebuild answers, scrubbing backward and jumping about', async () => {
    lab = await recordedLab()
    await play(lab.service, 5, 60)
    await lab.recorder.sync()
    expectScrubbing(
      lab,
      Array.from({ length: 61 }, (_, i) => 60 - i),
    )
    const random = createRandom(9)
    // N, N+1, N+2, N-1 as a person scrubs, from all over the run; the same saved state is
    // restored more than once.
    for (let i = 0; i < 12; i++) {
      const at = 1 + random.int(58)
      expectScrubbing(lab, [at, at + 1, at + 2, at - 1, at + 1, at - 1])
    }
  })

  it('goes on from where a stopped rebuild stopped, to what a fresh rebuild answers', async () => {
    lab = await recordedLab()
    await play(lab.service, 13, 60)
    await lab.service.execute({ type: 'step', clocks: 200 }, 'lab-api')
    await lab.recorder.sync()
    const { replayer } = lab.recorder
    // Stopped after a few pieces each time, at clocks inside steps and inside the long one.
    for (const [clock, pieces] of [
      [37, 3],
      [250, 2],
      [250, 5],
    ] as const) {
      let asked = 0
      expect(() => replayer.stateAt(lab.runId, clock, undefined, () => ++asked > pieces)).toThrow(
        ReplayStopped,
      )
    }
    expectScrubbing(lab, [250, 251, 260])
  })

  it('follows a live run as it grows', async () => {
    lab = await recordedLab()
    await play(lab.service, 7, 20)
    await lab.recorder.sync()
    // Asked past the end, then again once the run has got there.
    expectScrubbing(lab, [18, 19, 20, 25, 40])
    await play(lab.service, 8, 45)
    await lab.recorder.sync()
    expectScrubbing(lab, [25, 26, 40, 33, 45])
    // A command given at the clock last asked for is in the state at that clock too.
    await lab.service.execute({ type: 'mine', node: 'node2' }, 'lab-api')
    await lab.recorder.sync()
    expectScrubbing(lab, [45])
  })

  it('keeps at most a few states for at most a few runs', async () => {
    lab = await recordedLab()
    await play(lab.service, 11, 60)
    const runs = [lab.runId]
    for (let n = 0; n < CACHED_RUNS + 1; n++) {
      await lab.service.replaceNetwork({
        config: lab.service.config,
        dialect: lab.service.currentDialect,
      })
      await lab.service.execute({ type: 'start' }, 'lab-api')
      await play(lab.service, 20 + n, 60)
      runs.push(lab.recorder.writer.runId as number)
    }
    await lab.recorder.sync()
    for (const runId of runs)
      for (let clock = 0; clock <= 60; clock++) lab.recorder.replayer.stateAt(runId, clock)
    const kept = lab.recorder.replayer.cachedStates()
    expect([...kept.keys()]).toEqual(runs.slice(-CACHED_RUNS))
    for (const states of kept.values()) expect(states).toBeLessThanOrEqual(SAVED_PER_RUN + 1)
    expect(Math.max(...kept.values())).toBe(SAVED_PER_RUN + 1)
  })
  it('keeps, on a jump forward, the states at the last SAVED_PER_RUN tens of clocks before it, for scrubbing back from there', async () => {
    // No checkpoint after the start: scrubbing back would otherwise replay from clock 0.
    lab = await createRecordedLab(
      { nodes: 4, topology: { kind: 'ring' }, latency: 1 },
      { checkpointEvery: 1_000 },
    )
    await lab.service.execute({ type: 'start' }, 'lab-api')
    await play(lab.service, 4, 60)
    await lab.recorder.sync()
    const replayer = new RunReplayer(lab.recorder.reader)
    replayer.stateAt(lab.runId, 57)
    // At 20, 30, 40 and 50, and the cursor at 57.
    expect(replayer.cachedStates().get(lab.runId)).toBe(SAVED_PER_RUN + 1)
    expectScrubbing(lab, [49, 41, 33, 22])
  })

  it.each(['one step', 'steps of 1 to 4 clocks'])(
    'goes on from a saved state nearer the clock than the network left below it (%s)',
    async (how) => {
      lab = await createRecordedLab(
        { nodes: 4, topology: { kind: 'ring' }, latency: 1 },
        { checkpointEvery: 1_000 },
      )
      await lab.service.execute({ type: 'start' }, 'lab-api')
      if (how === 'one step') await lab.service.execute({ type: 'step', clocks: 60 }, 'lab-api')
      else await play(lab.service, 4, 60)
      await lab.recorder.sync()
      const replayer = new RunReplayer(lab.recorder.reader)
      replayer.stateAt(lab.runId, 57) // saves 20, 30, 40 and 50 on the way
      replayer.stateAt(lab.runId, 12) // the network, rebuilt from the start, is left at 12
      const restored = vi.spyOn(RunReplayCache.prototype, 'restore')
      const state = replayer.stateAt(lab.runId, 53)
      expect(restored.mock.calls.map(([point]) => point.clock)).toEqual([50])
      expect(state).toEqual(new RunReplayer(lab.recorder.reader).stateAt(lab.runId, 53))
      restored.mockRestore()
    },
  )
})
