import { copyFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COLUMNS_MARKER } from '../../../src/main/recorder/columns/column-chunk'
import { EventChunkEncoder, packChunk } from '../../../src/main/recorder/event-codec'
import { openDatabase } from '../../../src/main/recorder/open-database'
import { readStoredChunk } from '../../../src/main/recorder/read/stored-chunk'
import { Recorder } from '../../../src/main/recorder/recorder'
import { runFileLines } from '../../../src/main/recorder/run-file/run-file'
import { createRecordedLab, playMixedRun, tempDir } from '../../support/recording'

/** Every row of a table of chunks rewritten as the writer stored it before columns (format 2). */
function storeAsFormat2(file: string, table: 'event_chunks' | 'node_event_chunks'): number {
  const db = new Database(file)
  const rows = db.prepare(`SELECT rowid AS id, data FROM ${table}`).all() as {
    id: number
    data: Buffer
  }[]
  const update = db.prepare(`UPDATE ${table} SET data = ? WHERE rowid = ?`)
  db.transaction(() => {
    for (const { id, data } of rows) {
      const encoder = new EventChunkEncoder()
      for (const event of readStoredChunk(data)) encoder.add(event)
      update.run(packChunk(encoder.finish()!), id)
    }
  })()
  db.close()
  return rows.length
}

/**
 * Runs recorded before session 9 store their events, in the run's chunks and in each node's
 * rows, in the generic format (event-codec.ts, format 2). Such a file is built here from a run
 * recorded now (format 3: columns), every chunk and row decoded and encoded again as the old
 * writer did; opened by this version, it must read, replay, verify, chart and export as the run
 * it was made from.
 */
describe('a run recorded before events were stored as columns', () => {
  let lab: Awaited<ReturnType<typeof createRecordedLab>>
  let temp: ReturnType<typeof tempDir>
  let now: Recorder
  let before: Recorder
  let files: { now: string; before: string }
  const reading = (file: string) => openDatabase(file, { migrationsFolder: '', readonly: true })
  const firstBytes = (file: string, table: string) => {
    const db = new Database(file, { readonly: true })
    const bytes = db.prepare(`SELECT DISTINCT substr(data, 1, 1) AS b FROM ${table}`).all()
    db.close()
    return (bytes as { b: Buffer }[]).map((r) => r.b[0])
  }

  beforeAll(async () => {
    lab = await createRecordedLab({ nodes: 5, topology: { kind: 'ring' } })
    await playMixedRun(lab.service)
    // Finished, the run's last window of node rows is written.
    await lab.recorder.close()
    temp = tempDir()
    files = { now: join(temp.dir, 'now.sqlite'), before: join(temp.dir, 'before.sqlite') }
    copyFileSync(lab.file, files.now)
    copyFileSync(lab.file, files.before)
    expect(storeAsFormat2(files.before, 'event_chunks')).toBeGreaterThan(0)
    expect(storeAsFormat2(files.before, 'node_event_chunks')).toBeGreaterThan(0)
    now = Recorder.open(files.now, { appVersion: 'test' })
    before = Recorder.open(files.before, { appVersion: 'test' })
  }, 60_000)

  afterAll(async () => {
    await now?.close()
    await before?.close()
    await lab?.service.close()
    temp?.remove()
    // The lab's own folder, which lab.close() would remove: its recorder was closed in beforeAll.
    if (lab) rmSync(dirname(lab.file), { recursive: true, force: true })
  })

  it('is stored in either format, told apart by its first byte', () => {
    for (const table of ['event_chunks', 'node_event_chunks']) {
      expect(firstBytes(files.now, table)).toEqual([COLUMNS_MARKER])
      expect(firstBytes(files.before, table)).toEqual([0x06])
    }
  })

  it("answers every page of events, and of one node's, as the run recorded now does", () => {
    const runId = lab.runId
    const run = now.reader.getRun(runId)!
    const queries = [
      { limit: 100_000 },
      { limit: 37, cursor: 200 },
      { from: 30, to: 45, limit: 1_000 },
      { node: 'node3', limit: 100_000 },
      { node: 'node3', limit: 50, cursor: 100 },
      { node: 'node1', kind: 'block.accepted,chain.reorg', limit: 1_000 },
      { kind: 'message.sent', node: 'node2', from: 50, to: 90, limit: 10 },
      { kind: 'message.dropped,chain.reorg', dropped: 'link-cut', limit: 1_000 },
      { node: 'node1', dropped: 'known', limit: 40, cursor: 100 },
      { cursor: run.events - 3, limit: 10 },
    ]
    for (const query of queries) {
      const page = now.reader.events(runId, query)
      expect(page.events.length, JSON.stringify(query)).toBeGreaterThan(0)
      expect(before.reader.events(runId, query)).toEqual(page)
    }
    // A node's own rows (the run is closed: they hold every event) leave out the drops not asked.
    const node1 = now.reader.events(runId, { node: 'node1', limit: 100_000 }).events
    const kept = now.reader.events(runId, { node: 'node1', dropped: 'link-cut', limit: 100_000 })
    expect(node1.some((e) => e.kind === 'message.dropped' && e.reason === 'known')).toBe(true)
    expect(kept.events).toEqual(
      node1.filter((e) => e.kind !== 'message.dropped' || e.reason === 'link-cut'),
    )
    expect(before.reader.chartEvents(runId, 0, 100_000)).toEqual(
      now.reader.chartEvents(runId, 0, 100_000),
    )
  })

  it('replays, verifies and exports as the run recorded now does', async () => {
    const runId = lab.runId
    for (const clock of [0, 33, 77, 100])
      expect(before.replayer.stateAt(runId, clock)).toEqual(now.replayer.stateAt(runId, clock))
    expect(await before.replayer.verify(runId)).toMatchObject({ identical: true })
    expect([...runFileLines(reading(files.before), runId)].slice(1)).toEqual(
      [...runFileLines(reading(files.now), runId)].slice(1),
    )
  })
})
