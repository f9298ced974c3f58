import { afterEach, describe, expect, it } from 'vitest'
import { RunReplayer } from '../../../../src/main/recorder/replay/run-replay'
import { ScrubTickets } from '../../../../src/main/recorder/replay/run-states'
import { SCRUB_SLOTS } from '../../../../src/main/recorder/replay/replay-protocol'
import { stateTexts } from '../../../../src/main/recorder/replay/state-texts'
import type { RunState } from '../../../../src/shared/run-types'
import { createRecordedLab } from '../../../support/recording'

type Lab = Awaited<ReturnType<typeof createRecordedLab>>

/** The state rebuilt on this thread by a replayer of its own, from the checkpoint, uncached. */
function freshState(lab: Lab, clock: number): RunState {
  return new RunReplayer(lab.recorder.reader).stateAt(lab.runId, clock)
}

/** A run made of one long step with auto-mine, whose end takes seconds to rebuild. */
async function longRun(clocks: number): Promise<Lab> {
  const lab = await createRecordedLab(
    { nodes: 3, autoMine: { interval: 5, hashPower: null } },
    { checkpointEvery: 1_000_000 },
  )
  await lab.service.execute({ type: 'start' }, 'lab-api')
  await lab.service.execute({ type: 'step', clocks }, 'lab-api')
  await lab.recorder.sync()
  return lab
}

/** The same, ended by a new network: a finished run, whose states never change and are made ahead. */
async function finishedRun(clocks: number): Promise<Lab> {
  const lab = await longRun(clocks)
  await lab.service.replaceNetwork({
    config: lab.service.config,
    dialect: lab.service.currentDialect,
  })
  await lab.recorder.sync()
  return lab
}

describe('run states rebuilt in the replay thread', () => {
  let lab: Lab
  afterEach(() => lab.close())

  it('answers steps and reads on the lab thread while a long rebuild runs, then the state a fresh rebuild gives', async () => {
    lab = await longRun(20_000)
    const order: string[] = []
    const rebuilt = lab.recorder.states
      .stateAt({ runId: lab.runId, clock: 20_000 })
      .then((state) => (order.push('state'), state))
    // What GET /api/network and a 1-clock step do, each waiting for the one before.
    for (let i = 0; i < 10; i++) {
      await lab.service.info()
      await lab.service.execute({ type: 'step', clocks: 1 }, 'lab-api')
    }
    order.push('ten steps and reads')
    const state = await rebuilt
    expect(order).toEqual(['ten steps and reads', 'state'])
    expect(state).toEqual(freshState(lab, 20_000))
    // The thread writes the JSON the route sends on as it is: the same state, one node's chain.
    const light = await lab.recorder.states.stateJson({
      runId: lab.runId,
      clock: 20_000,
      chainsOf: 'node2',
    })
    expect(JSON.parse(light)).toEqual(
      new RunReplayer(lab.recorder.reader).stateAt(lab.runId, 20_000, 'node2'),
    )
  }, 60_000)

  it('stops a rebuild that a later request of the same scrub replaced, and answers the later one', async () => {
    lab = await longRun(20_000)
    const stale = lab.recorder.states.stateAt({ runId: lab.runId, clock: 20_000, scrub: 'a' })
    const other = lab.recorder.states.stateAt({ runId: lab.runId, clock: 3 })
    const latest = lab.recorder.states.stateAt({ runId: lab.runId, clock: 2, scrub: 'a' })
    await expect(stale).rejects.toMatchObject({ code: 'cancelled' })
    // Another scrub's, or no scrub's, request is not replaced.
    expect((await other).clock).toBe(3)
    expect((await latest).clock).toBe(2)
  }, 60_000)

  it("answers a finished run's clock made ready ahead on the lab's thread, while the replay thread is busy, as a fresh rebuild gives it", async () => {
    lab = await finishedRun(20_000)
    const runId = lab.runId
    expect(lab.recorder.reader.getRun(runId)?.status).not.toBe('live')
    const { states } = lab.recorder
    // Clock 10, and on the way the three before it, handed out to the lab's thread.
    await states.stateJson({ runId, clock: 10, chainsOf: 'node2', scrub: 'c' })
    const order: string[] = []
    // No scrub: a rebuild of seconds that nothing stops.
    const long = states.stateJson({ runId, clock: 20_000 }).then(() => order.push('long'))
    const ready = states
      .stateJson({ runId, clock: 9, chainsOf: 'node2', scrub: 'c' })
      .then((json) => (order.push('ready'), json))
    const json = await ready
    await long
    expect(order).toEqual(['ready', 'long'])
    expect(JSON.parse(json)).toEqual(
      new RunReplayer(lab.recorder.reader).stateAt(runId, 9, 'node2'),
    )
  }, 60_000)

  it("answers a scrub holding the same links without peers, from the lab's ready answers and from the replay thread alike", async () => {
    lab = await finishedRun(2_000)
    const runId = lab.runId
    const { states } = lab.recorder
    const fresh = (clock: number) =>
      stateTexts(new RunReplayer(lab.recorder.reader).stateAt(runId, clock, 'node2'))
    const first = JSON.parse(
      await states.stateJson({ runId, clock: 10, chainsOf: 'node2', scrub: 'l' }),
    ) as RunState
    expect(first).not.toHaveProperty('samePeers')
    const links = first.links
    // 9 was handed out on the way to 10 (ready on the lab's thread); 1,500 is rebuilt.
    for (const clock of [9, 1_500])
      expect(
        await states.stateJson({ runId, clock, chainsOf: 'node2', scrub: 'l', links }),
        `clock ${clock}`,
      ).toBe(fresh(clock).lean)
    // Asked again without links: whole.
    expect(await states.stateJson({ runId, clock: 9, chainsOf: 'node2', scrub: 'l' })).toBe(
      fresh(9).full,
    )
  }, 60_000)

  it('keeps what a stopped rebuild did: the state it then reaches is the one a fresh rebuild gives', async () => {
    lab = await longRun(3_000)
    const { states } = lab.recorder
    const asked = [500, 1_200, 2_000, 2_500].map((clock) =>
      states.stateAt({ runId: lab.runId, clock, scrub: 'b' }).catch(() => null),
    )
    const end = states.stateAt({ runId: lab.runId, clock: 3_000, scrub: 'b' })
    await Promise.all(asked)
    expect(await end).toEqual(freshState(lab, 3_000))
  }, 60_000)
})

describe('scrub tickets', () => {
  it('gives each scrub a slot and a higher ticket each time; the scrub idle longest gives its slot up', () => {
    const tickets = new ScrubTickets()
    const board = new Int32Array(tickets.buffer)
    const first = tickets.next('a')
    const again = tickets.next('a')
    expect(again.slot).toBe(first.slot)
    expect(again.ticket).toBeGreaterThan(first.ticket)
    expect(Atomics.load(board, first.slot)).toBe(again.ticket)
    for (let i = 1; i < SCRUB_SLOTS; i++) tickets.next(`s${i}`)
    tickets.next('a')
    // 's1' was used longest ago: a new scrub takes its slot, 'a' keeps its own.
    const s1 = tickets.next('s1')
    const newcomer = tickets.next('new')
    expect(newcomer.slot).not.toBe(tickets.next('a').slot)
    expect(new Set([s1.slot, newcomer.slot]).size).toBe(2)
  })
})
