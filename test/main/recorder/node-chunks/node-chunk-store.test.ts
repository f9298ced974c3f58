import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NodeChunkStore } from '../../../../src/main/recorder/node-chunks/node-chunk-store'
import { openDatabase, type RecordingDb } from '../../../../src/main/recorder/open-database'
import { createRecordedLab } from '../../../support/recording'

type Lab = Awaited<ReturnType<typeof createRecordedLab>>

/**
 * The recording's writer groups each run's events by node beside its chunks: a window at a time
 * while the run is live (a window is 65,536 events or more, more than this run), and what is left
 * when the run ends. An imported run is grouped the same way.
 */
describe('a recorded run grouped by node', () => {
  let lab: Lab
  let db: RecordingDb
  const count = (sql: string, ...params: unknown[]) =>
    (db.$client.prepare(sql).get(...params) as { n: number | null }).n

  beforeAll(async () => {
    lab = await createRecordedLab({ nodes: 4, topology: { kind: 'mesh' } })
    const { service } = lab
    await service.execute({ type: 'start' }, 'lab-api')
    await service.execute({ type: 'set-workload', rate: 1 }, 'lab-api')
    await service.execute({ type: 'set-auto-mine', interval: 10 }, 'lab-api')
    await service.execute({ type: 'step', clocks: 200 }, 'lab-api')
    await lab.recorder.sync()
    db = openDatabase(lab.file, { migrationsFolder: '', migrate: false, readonly: true })
  }, 60_000)

  afterAll(async () => {
    db?.$client.close()
    await lab?.close()
  })

  it('has no node rows while its first window is open, and all its events in them once it ends', async () => {
    const run = lab.runId
    expect(count('SELECT count(*) AS n FROM node_event_chunks WHERE run_id = ?', run)).toBe(0)
    lab.recorder.writer.finishRun()
    await lab.recorder.sync()
    const events = lab.recorder.reader.getRun(run)!.events
    expect(events).toBeGreaterThan(1_000)
    expect(count('SELECT through_seq AS n FROM node_event_marks WHERE run_id = ?', run)).toBe(
      events,
    )
    expect(count('SELECT sum(count) AS n FROM node_event_chunks WHERE run_id = ?', run)).toBe(
      events,
    )
    for (const node of ['node1', 'node2', 'node3', 'node4'])
      expect(
        count(
          'SELECT sum(count) AS n FROM node_event_chunks WHERE run_id = ? AND node = ?',
          run,
          node,
        ),
      ).toBe(lab.recorder.reader.events(run, { node, limit: 1_000_000 }).events.length)
  })

  it('groups an imported run as a recorded one, and deletes the rows with the run', async () => {
    const file = `${lab.file}.chain-lab-run`
    const { writeFileSync } = await import('node:fs')
    writeFileSync(file, [...lab.recorder.exportLines(lab.runId, 'run')].join(''))
    const id = await lab.recorder.importRunFile(file)
    const rows = 'SELECT count(*) AS n FROM node_event_chunks WHERE run_id = ?'
    const events = lab.recorder.reader.getRun(id)!.events
    expect(count('SELECT count(*) AS n FROM events WHERE run_id = ?', id)).toBe(0)
    expect(count('SELECT sum(count) AS n FROM event_chunks WHERE run_id = ?', id)).toBe(events)
    expect(count('SELECT sum(count) AS n FROM node_event_chunks WHERE run_id = ?', id)).toBe(events)
    expect(count('SELECT through_seq AS n FROM node_event_marks WHERE run_id = ?', id)).toBe(events)
    expect(count(rows, id)).toBe(count(rows, lab.runId))
    expect(lab.recorder.reader.events(id, { node: 'node2', cursor: 50, limit: 300 })).toEqual(
      lab.recorder.reader.events(lab.runId, { node: 'node2', cursor: 50, limit: 300 }),
    )
    lab.recorder.delete(id)
    expect(count(rows, id)).toBe(0)
    expect(count('SELECT count(*) AS n FROM node_event_marks WHERE run_id = ?', id)).toBe(0)
  })

  it('groups no more of a run once a batch of it was rolled back, its mark left where it was', () => {
    const writable = openDatabase(lab.file, { migrationsFolder: '', migrate: false })
    try {
      const run = lab.runId
      const events = lab.recorder.reader.events(run, { limit: 1_000 }).events
      writable.$client.prepare('DELETE FROM node_event_marks WHERE run_id = ?').run(run)
      writable.$client.prepare('DELETE FROM node_event_chunks WHERE run_id = ?').run(run)
      const sizes = { eventsPerRow: 50, eventsANode: 1, minWindow: 100, maxWindow: 100 }
      const store = new NodeChunkStore(writable, sizes)
      const give = (from: number, to: number) =>
        store.addEvents(run, events.slice(from, to), events[to - 1]!.seq)
      give(0, 100)
      give(100, 150)
      const mark = count('SELECT through_seq AS n FROM node_event_marks WHERE run_id = ?', run)
      expect(mark).toBe(events[99]!.seq)
      store.reset()
      give(150, 300)
      store.finish(run)
      expect(count('SELECT through_seq AS n FROM node_event_marks WHERE run_id = ?', run)).toBe(
        mark,
      )
      expect(count('SELECT sum(count) AS n FROM node_event_chunks WHERE run_id = ?', run)).toBe(100)
    } finally {
      writable.$client.close()
    }
  })
})
