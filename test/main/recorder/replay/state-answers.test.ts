import { afterEach, describe, expect, it, vi } from 'vitest'
import { HANDED_OUT, RunReplayer } from '../../../../src/main/recorder/replay/run-replay'
import {
  AHEAD,
  StateAnswers,
  type ScrubMove,
} from '../../../../src/main/recorder/replay/state-answers'
import type { RunStatus } from '../../../../src/shared/run-types'
import type { ReadyAnswer } from '../../../../src/main/recorder/replay/replay-protocol'
import { stateTexts, type StateTexts } from '../../../../src/main/recorder/replay/state-texts'
import { createRecordedLab } from '../../../support/recording'

type Lab = Awaited<ReturnType<typeof createRecordedLab>>

/** A run of 40 clocks with blocks mined now and then, read as `status` says it stands. */
async function recorded(): Promise<Lab> {
  const lab = await createRecordedLab(
    {
      nodes: 4,
      topology: { kind: 'ring' },
      latency: 1,
      autoMine: { interval: 3, hashPower: null },
    },
    { checkpointEvery: 15 },
  )
  await lab.service.execute({ type: 'start' }, 'lab-api')
  await lab.service.execute({ type: 'step', clocks: 40 }, 'lab-api')
  await lab.recorder.sync()
  return lab
}

/** Answers over the lab's recording, their idle work queued for the test to run. */
function answersOf(lab: Lab, status: RunStatus | (() => RunStatus)) {
  const replayer = new RunReplayer(lab.recorder.reader)
  const stateAt = vi.spyOn(replayer, 'stateAt')
  const idle: (() => void)[] = []
  const getRun = vi.fn((id: number) => {
    const run = lab.recorder.reader.getRun(id)
    return run && { ...run, status: typeof status === 'function' ? status() : status }
  })
  const reader = { getRun, config: (id: number) => lab.recorder.reader.config(id) }
  const told: ReadyAnswer[] = []
  const answers = new StateAnswers(
    replayer,
    reader,
    (work) => void idle.push(work),
    (ready) => told.push(ready),
  )
  const runIdle = () => {
    while (idle.length > 0) idle.shift()!()
  }
  return { answers, stateAt, runIdle, told, getRun }
}

/** What a fresh replayer (no cache) answers, as the route sends it. */
function fresh(lab: Lab, clock: number, chainsOf?: string): string {
  return freshTexts(lab, clock, chainsOf).full
}

/** The same, in both forms: whole, and without the peers for a caller holding the same links. */
function freshTexts(lab: Lab, clock: number, chainsOf?: string): StateTexts {
  return stateTexts(new RunReplayer(lab.recorder.reader).stateAt(lab.runId, clock, chainsOf))
}

function move(lab: Lab, clock: number, previous?: number, current = () => true): ScrubMove {
  return { runId: lab.runId, clock, chainsOf: 'node2', current, previous }
}

describe("a replay's answers", () => {
  let lab: Lab
  afterEach(() => lab.close())

  it('keep the clocks just below an asked one, passed on the way to it, as a fresh rebuild answers them', async () => {
    lab = await recorded()
    const { answers, stateAt } = answersOf(lab, 'finished')
    // From the run's start (its one checkpoint is at its end, 40): 30 to 32 are passed on the way.
    answers.answer(lab.runId, 33, 'node2')
    expect(stateAt).toHaveBeenCalledTimes(1)
    for (let clock = 33 - HANDED_OUT; clock < 33; clock++)
      expect(answers.answer(lab.runId, clock, 'node2'), `clock ${clock}`).toBe(
        fresh(lab, clock, 'node2'),
      )
    expect(stateAt).toHaveBeenCalledTimes(1)
    answers.answer(lab.runId, 33 - HANDED_OUT - 1, 'node2')
    expect(stateAt).toHaveBeenCalledTimes(2)
    // Only for the node asked: another node's chain is another answer.
    answers.answer(lab.runId, 32, 'node3')
    expect(stateAt).toHaveBeenCalledTimes(3)
  })

  it("keep the clocks just below a checkpoint's clock when a scrub asks it: its rebuild starts below it, as a fresh rebuild answers them", async () => {
    lab = await recorded()
    const { answers, stateAt } = answersOf(lab, 'finished')
    // The run's end has a checkpoint; a restore there would pass no clock, one below passes 37-39.
    const scrubbing = () => false
    expect(answers.answer(lab.runId, 40, 'node2', { shouldStop: scrubbing })).toBe(
      fresh(lab, 40, 'node2'),
    )
    for (let clock = 40 - HANDED_OUT; clock < 40; clock++)
      expect(answers.answer(lab.runId, clock, 'node2'), `clock ${clock}`).toBe(
        fresh(lab, clock, 'node2'),
      )
    expect(stateAt).toHaveBeenCalledTimes(1)
  })

  it('answer without peers a caller holding the same links, from the kept answer, and whole to any other, live runs too', async () => {
    lab = await recorded()
    const finished = answersOf(lab, 'finished')
    const { links, full, lean } = freshTexts(lab, 20, 'node2')
    expect(finished.answers.answer(lab.runId, 20, 'node2', { held: links })).toBe(lean)
    expect(finished.answers.answer(lab.runId, 20, 'node2')).toBe(full)
    expect(finished.answers.answer(lab.runId, 20, 'node2', { held: 'b'.repeat(40) })).toBe(full)
    expect(finished.stateAt).toHaveBeenCalledTimes(1)
    const live = answersOf(lab, 'live')
    expect(live.answers.answer(lab.runId, 20, 'node2', { held: links })).toBe(lean)
    expect(live.answers.answer(lab.runId, 20, 'node2')).toBe(full)
  })

  it("restore a checkpoint's clock at its checkpoint for a plain request, which asks no clocks after it", async () => {
    lab = await recorded()
    const { answers, stateAt } = answersOf(lab, 'finished')
    expect(answers.answer(lab.runId, 40, 'node2')).toBe(fresh(lab, 40, 'node2'))
    // Nothing was passed on the way: the clock below is rebuilt when asked.
    expect(answers.answer(lab.runId, 39, 'node2')).toBe(fresh(lab, 39, 'node2'))
    expect(stateAt).toHaveBeenCalledTimes(2)
  })

  it('make ready, while idle, the next clocks a scrub moving back will ask (the nearest first), the others of them passed on the way, as a fresh rebuild answers them', async () => {
    lab = await recorded()
    const { answers, stateAt, runIdle } = answersOf(lab, 'finished')
    answers.answer(lab.runId, 33, 'node2')
    answers.answer(lab.runId, 30, 'node2')
    answers.followScrub(move(lab, 30, 31))
    stateAt.mockClear()
    runIdle()
    // The nearest first: its one restore (the state saved at 20) and replay hand out the four
    // others wanted on the way. Then the run's end.
    expect(stateAt.mock.calls.map(([, clock]) => clock)).toEqual([29, 40])
    stateAt.mockClear()
    for (let clock = 29; clock >= 30 - AHEAD; clock--)
      expect(answers.answer(lab.runId, clock, 'node2'), `clock ${clock}`).toBe(
        fresh(lab, clock, 'node2'),
      )
    // All were ready: nothing was rebuilt for them.
    expect(stateAt).not.toHaveBeenCalled()
    // The clocks passed below them were not made (a snapshot each before the one wanted).
    expect(answers.answer(lab.runId, 24, 'node2')).toBe(fresh(lab, 24, 'node2'))
    expect(stateAt).toHaveBeenCalledTimes(1)
  })

  it('make ready the clock a scrub moving back asks next first, however far it went since', async () => {
    lab = await recorded()
    const { answers, stateAt, runIdle } = answersOf(lab, 'finished')
    // A jump to 38 hands out 35 to 37; the scrub then asks 37, 36 and 35 (ready), and each
    // request moves the work ahead on before it is done: the next it asks, 34, comes first.
    answers.answer(lab.runId, 38, 'node2')
    for (const clock of [37, 36, 35]) {
      answers.answer(lab.runId, clock, 'node2')
      answers.followScrub(move(lab, clock, clock + 1))
    }
    stateAt.mockClear()
    runIdle()
    expect(stateAt.mock.calls[0]?.[1]).toBe(34)
  })

  it('make ready the next clock and the ones back after a jump, and no clock outside the run', async () => {
    lab = await recorded()
    const { answers, stateAt, runIdle } = answersOf(lab, 'finished')
    answers.answer(lab.runId, 20, 'node2')
    answers.followScrub(move(lab, 20, 3))
    runIdle()
    // 17 to 19 were passed on the way to 20; 15 on the way to 16. Then the next clock (a step
    // on from 16), then the run's end.
    expect(stateAt.mock.calls.map(([, clock]) => clock)).toEqual([20, 16, 21, 40])
    for (const clock of [19, 17, 15])
      expect(answers.answer(lab.runId, clock, 'node2'), `clock ${clock}`).toBe(
        fresh(lab, clock, 'node2'),
      )
    expect(stateAt).toHaveBeenCalledTimes(4)
    // Back and forward, the nearest first: the order they are made in.
    expect(StateAnswers.nextClocks({ clock: 20, previous: 3 }, 40)).toEqual([
      19, 18, 17, 16, 15, 21,
    ])
    expect(StateAnswers.nextClocks({ clock: 40, previous: 39 }, 40)).toEqual([])
    expect(StateAnswers.nextClocks({ clock: 0, previous: 12 }, 40)).toEqual([1])
    expect(StateAnswers.nextClocks({ clock: 5, previous: 4 }, 40)).toEqual([6, 7, 8, 9, 10])
    expect(StateAnswers.nextClocks({ clock: 2, previous: 3 }, 40)).toEqual([1, 0])
  })

  it("make ready the run's end and the clocks before it once nothing else is ahead, as a fresh rebuild answers them", async () => {
    lab = await recorded()
    // The run ends on a checkpoint, as a run of whole hundreds of clocks does: the end itself is
    // rebuilt from there, and the clocks before it from the checkpoint before.
    expect(lab.recorder.reader.checkpointPlaceAtOrBefore(lab.runId, 40)?.clock).toBe(40)
    const { answers, stateAt, runIdle } = answersOf(lab, 'finished')
    answers.answer(lab.runId, 20, 'node2')
    answers.followScrub(move(lab, 20, 3))
    runIdle()
    expect(stateAt.mock.calls.map(([, clock]) => clock)).toEqual([20, 16, 21, 40])
    // Once only: then its clocks are kept, with the ones handed out below them.
    answers.followScrub(move(lab, 12, 3))
    runIdle()
    stateAt.mockClear()
    for (const clock of [40, 39, 38, 37, 36, 13, 11])
      expect(answers.answer(lab.runId, clock, 'node2'), `clock ${clock}`).toBe(
        fresh(lab, clock, 'node2'),
      )
    expect(stateAt).not.toHaveBeenCalled()
  })

  it('make ready for the first node the clocks ahead of a whole state, which a replay asks first and then names that node', async () => {
    lab = await recorded()
    const { answers, stateAt, runIdle } = answersOf(lab, 'finished')
    answers.answer(lab.runId, 0, undefined)
    answers.followScrub({ ...move(lab, 0), chainsOf: undefined })
    runIdle()
    stateAt.mockClear()
    for (const clock of [1, 40, 39])
      expect(answers.answer(lab.runId, clock, 'node1'), `clock ${clock}`).toBe(
        fresh(lab, clock, 'node1'),
      )
    expect(stateAt).not.toHaveBeenCalled()
  })

  it('tell of each answer made before it was asked (passed on the way, or ahead), as a fresh rebuild answers it, and of no other', async () => {
    lab = await recorded()
    const { answers, runIdle, told } = answersOf(lab, 'finished')
    answers.answer(lab.runId, 20, 'node2')
    expect(told.map((t) => t.clock)).toEqual([17, 18, 19])
    answers.followScrub(move(lab, 20, 3))
    runIdle()
    // Ahead: 16 (with 15 passed on the way), then 21, then the run's end (40, its rebuild
    // starting below its checkpoint and handing out the ten clocks below it).
    const passed = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => from + i)
    expect(told.map((t) => t.clock)).toEqual([17, 18, 19, 15, 16, 21, ...passed(30, 40)])
    for (const ready of told) {
      expect(ready).toMatchObject({ runId: lab.runId, chainsOf: 'node2' })
      expect(ready.texts, `clock ${ready.clock}`).toEqual(freshTexts(lab, ready.clock, 'node2'))
    }
    // Kept answers given again are not told again.
    answers.answer(lab.runId, 19, 'node2')
    expect(told).toHaveLength(17)
  })

  it('stop working ahead once a later request of the scrub came', async () => {
    lab = await recorded()
    const { answers, stateAt, runIdle } = answersOf(lab, 'finished')
    answers.answer(lab.runId, 10, 'node2')
    let current = true
    answers.followScrub(move(lab, 10, 11, () => current))
    current = false
    runIdle()
    expect(stateAt).toHaveBeenCalledTimes(1)
  })

  it('keep nothing of a live run, whose last clock can still change, and work nothing ahead for it', async () => {
    lab = await recorded()
    const { answers, stateAt, runIdle } = answersOf(lab, 'live')
    answers.answer(lab.runId, 40, 'node2')
    answers.followScrub(move(lab, 40, 39))
    runIdle()
    answers.answer(lab.runId, 40, 'node2')
    expect(stateAt).toHaveBeenCalledTimes(2)
  })

  it("read a finished run's summary once (it parses the run's config), a live one's at every answer until it finishes", async () => {
    lab = await recorded()
    let status: RunStatus = 'live'
    const { answers, runIdle, getRun } = answersOf(lab, () => status)
    answers.answer(lab.runId, 20, 'node2')
    answers.answer(lab.runId, 20, 'node2')
    expect(getRun).toHaveBeenCalledTimes(2)
    status = 'finished'
    getRun.mockClear()
    answers.answer(lab.runId, 20, 'node2')
    answers.followScrub(move(lab, 20, 3))
    runIdle()
    answers.answer(lab.runId, 19, 'node2')
    expect(getRun).toHaveBeenCalledTimes(1)
    // A deleted run is read again if asked for again.
    answers.forget(lab.runId)
    answers.answer(lab.runId, 20, 'node2')
    expect(getRun).toHaveBeenCalledTimes(2)
  })

  it('forget a deleted run: its answers are rebuilt if asked again', async () => {
    lab = await recorded()
    const { answers, stateAt } = answersOf(lab, 'finished')
    answers.answer(lab.runId, 12, undefined)
    answers.forget(lab.runId)
    expect(answers.answer(lab.runId, 12, undefined)).toBe(fresh(lab, 12))
    expect(stateAt).toHaveBeenCalledTimes(2)
  })
})
