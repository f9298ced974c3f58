import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SequencedEvent } from '../../../../src/core/events'
import { NodeChunkStore } from '../../../../src/main/recorder/node-chunks/node-chunk-store'
import { openDatabase, type RecordingDb } from '../../../../src/main/recorder/open-database'
import type { EventQuery } from '../../../../src/main/recorder/read/run-reader'
import { createRecordedLab } from '../../../support/recording'

type Lab = Awaited<ReturnType<typeof createRecordedLab>>

/** The page `events` must answer, worked out from the whole run. */
function expected(all: readonly SequencedEvent[], query: EventQuery) {
  const kinds = query.kind?.split(',')
  const found = all.filter(
    (e) =>
      e.seq > (query.cursor ?? 0) &&
      (query.node === undefined || e.node === query.node) &&
      (query.from === undefined || e.clock >= query.from) &&
      (query.to === undefined || e.clock <= query.to) &&
      (kinds === undefined || kinds.includes(e.kind)),
  )
  const page = found.slice(0, query.limit)
  return { events: page, next: found.length > query.limit ? (page.at(-1)?.seq ?? null) : null }
}

/**
 * Pages of one node's events read the node's own rows (node_event_chunks) up to the run's mark
 * and the run's chunks after it. Here the rows are made small (windows of 60 to 200 events, rows
 * of 25), so that pages start, cross and end on both sides of row, window and mark boundaries.
 */
describe("pages of one node's events", () => {
  let lab: Lab
  let db: RecordingDb
  let all: SequencedEvent[]
  let through = 0
  const queries = (): EventQuery[] => {
    const last = all.at(-1)?.seq ?? 0
    const clock = all.at(-1)?.clock ?? 0
    return ['node1', 'node3', 'node6'].flatMap((node) => [
      { node, limit: 100_000 },
      { node, limit: 7 },
      { node, limit: 40, cursor: 100 },
      { node, limit: 40, cursor: through - 10 },
      { node, limit: 5, cursor: through + 3 },
      { node, limit: 30, cursor: last - 50 },
      { node, limit: 1_000, from: Math.floor(clock / 3), to: Math.floor(clock / 2) },
      { node, limit: 1_000, from: clock - 20 },
      { node, limit: 1_000, kind: 'block.accepted,chain.reorg' },
      { node, limit: 3, kind: 'message.sent', from: 20, to: 90, cursor: 300 },
      { node, limit: 10, cursor: last },
    ])
  }

  beforeAll(async () => {
    lab = await createRecordedLab({ nodes: 6, topology: { kind: 'ring' } })
    const { service } = lab
    await service.execute({ type: 'start' }, 'lab-api')
    await service.execute({ type: 'set-workload', rate: 0.5 }, 'lab-api')
    await service.execute({ type: 'set-auto-mine', interval: 6 }, 'lab-api')
    await service.execute({ type: 'step', clocks: 150 }, 'lab-api')
    await lab.recorder.sync()
    all = lab.recorder.reader.events(lab.runId, { limit: 1_000_000 }).events
    db = openDatabase(lab.file, { migrationsFolder: '', migrate: false })
  }, 60_000)

  afterAll(async () => {
    db?.$client.close()
    await lab?.close()
  })

  it('reads a live run with no node rows yet from its chunks', () => {
    expect(all.length).toBeGreaterThan(2_000)
    expect(db.$client.prepare('SELECT count(*) AS n FROM node_event_chunks').get()).toEqual({
      n: 0,
    })
    for (const query of queries())
      expect(lab.recorder.reader.events(lab.runId, query)).toEqual(expected(all, query))
  })

  it('reads node rows up to the mark and chunks after it, as from the whole run', () => {
    const store = new NodeChunkStore(db, {
      eventsPerRow: 25,
      eventsANode: 10,
      minWindow: 60,
      maxWindow: 200,
    })
    // Two thirds of the run, 50 events at a time, its last window left open.
    const cut = Math.floor((all.length * 2) / 3)
    db.transaction(() => {
      for (let i = 0; i < cut; i += 50) {
        const slice = all.slice(i, Math.min(cut, i + 50))
        store.addEvents(lab.runId, slice, slice.at(-1)?.seq ?? 0)
      }
    })
    through = (
      db.$client.prepare('SELECT through_seq AS n FROM node_event_marks').get() as { n: number }
    ).n
    expect(through).toBeGreaterThan(all.length / 3)
    expect(through).toBeLessThan(all[cut]?.seq ?? 0)
    for (const query of queries())
      expect(lab.recorder.reader.events(lab.runId, query)).toEqual(expected(all, query))
  })

  it("takes a node's events up to the mark from its rows alone", () => {
    // Without the run's chunks up to the mark, a node's pages are still whole there.
    db.$client
      .prepare('DELETE FROM event_chunks WHERE run_id = ? AND last_seq <= ?')
      .run(lab.runId, through)
    const left = db.$client
      .prepare<[number], { n: number }>(
        'SELECT min(first_seq) AS n FROM event_chunks WHERE run_id = ?',
      )
      .get(lab.runId)!.n
    const fromRows = all.filter((e) => e.seq <= through || e.seq >= left)
    for (const query of queries().filter((q) => q.kind === undefined))
      expect(lab.recorder.reader.events(lab.runId, query)).toEqual(expected(fromRows, query))
  })
})
