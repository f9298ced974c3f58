import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/recorder/open-database'
import { Recorder } from '../../../src/main/recorder/recorder'
import { runFileLines, TABLES, type TableName } from '../../../src/main/recorder/run-file/run-file'
import { runs } from '../../../src/main/recorder/schema'
import { createRecordedLab, playMixedRun, tempDir } from '../../support/recording'
import { migrationsUpTo } from '../../support/migrations'

type Lab = Awaited<ReturnType<typeof createRecordedLab>>

/**
 * Runs recorded before event chunks (0005) hold an event a row in `events`. Such a file is built
 * here from a run recorded now: its run file's rows are exactly the old tables' rows, inserted
 * into a file of the 0004 schema. Opened by this version, the file is migrated, and the old run
 * must read, replay, verify, chart and export as the run it was made from.
 */
describe('a run recorded before event chunks', () => {
  let lab: Lab
  let temp: ReturnType<typeof tempDir>
  let old: Recorder
  let oldFile: string
  const chunked = () => lab.runId
  const reading = (file: string) => openDatabase(file, { migrationsFolder: '', readonly: true })

  beforeAll(async () => {
    lab = await createRecordedLab({ nodes: 5, topology: { kind: 'ring' } })
    await playMixedRun(lab.service)
    await lab.recorder.sync()

    temp = tempDir()
    const file = (oldFile = join(temp.dir, 'old.sqlite'))
    const db = openDatabase(file, { migrationsFolder: migrationsUpTo(temp.dir, 5) })
    const lines = [...runFileLines(reading(lab.file), chunked())].map(
      (line) => JSON.parse(line) as Record<string, unknown>,
    )
    const { run } = lines[0] as { run: typeof runs.$inferInsert }
    const runId = db.insert(runs).values(run).returning({ id: runs.id }).get().id
    for (const { t, ...row } of lines.slice(1, -1))
      db.insert(TABLES[t as TableName])
        .values({ ...row, runId } as never)
        .run()
    const tables = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()
    expect(tables).not.toContainEqual({ name: 'event_chunks' })
    db.$client.close()
    old = Recorder.open(file, { appVersion: 'test' })
  }, 60_000)

  afterAll(async () => {
    await old?.close()
    await lab?.close()
    temp?.remove()
  })

  it('is migrated, its events left where they are', () => {
    expect(old.reader.chunks.has(1)).toBe(false)
    expect(lab.recorder.reader.chunks.has(chunked())).toBe(true)
    expect(old.reader.getRun(1)?.events).toBe(lab.recorder.reader.getRun(chunked())?.events)
  })

  it('answers every page of events as the chunked run does', () => {
    const run = lab.recorder.reader.getRun(chunked())!
    const queries = [
      { limit: 100_000 },
      { limit: 37, cursor: 200 },
      { from: 30, to: 45, limit: 1_000 },
      { from: 30, limit: 20 },
      { node: 'node3', limit: 50, cursor: 100 },
      { kind: 'block.accepted,chain.reorg', limit: 1_000 },
      { kind: 'message.sent', node: 'node2', from: 50, to: 90, limit: 10 },
      { kind: 'message.dropped,chain.reorg', dropped: 'link-cut', limit: 1_000 },
      { node: 'node1', dropped: 'known', limit: 40, cursor: 100 },
      { cursor: run.events - 3, limit: 10 },
    ]
    for (const query of queries)
      expect(old.reader.events(1, query)).toEqual(lab.recorder.reader.events(chunked(), query))
    expect(old.reader.eventRange(1, 10, 500)).toEqual(
      lab.recorder.reader.eventRange(chunked(), 10, 500),
    )
    expect(old.reader.chartEvents(1, 0, 100_000)).toEqual(
      lab.recorder.reader.chartEvents(chunked(), 0, 100_000),
    )
  })

  it('replays, verifies and charts as the chunked run does', async () => {
    for (const clock of [0, 33, 77, 100])
      expect(old.replayer.stateAt(1, clock)).toEqual({
        ...lab.recorder.replayer.stateAt(chunked(), clock),
        runId: 1,
      })
    expect(await old.replayer.verify(1)).toMatchObject({ identical: true })
    const series = async (recorder: Recorder, id: number) =>
      recorder.series.series(recorder.reader.getRun(id)!, { buckets: 10 })
    expect(await series(old, 1)).toEqual({ ...(await series(lab.recorder, chunked())), runId: 1 })
  })

  it('exports the same run file', () => {
    const rows = (lines: Iterable<string>) => [...lines].slice(1)
    expect(rows(runFileLines(reading(oldFile), 1))).toEqual(
      rows(runFileLines(reading(lab.file), chunked())),
    )
  })
})
