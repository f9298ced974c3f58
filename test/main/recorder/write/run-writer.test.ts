import { describe, expect, it } from 'vitest'
import { createConfig } from '../../../../src/core/config'
import { openDatabase } from '../../../../src/main/recorder/open-database'
import { sourceMigrationsFolder } from '../../../../src/main/recorder/recorder'
import type { RowBatch } from '../../../../src/main/recorder/write/row-writer'
import { RunWriter } from '../../../../src/main/recorder/write/run-writer'
import type { RowSink } from '../../../../src/main/recorder/write/row-sink'

/** A sink that writes nothing until told to: a disk far slower than the simulation. */
function stalledSink() {
  const batches: RowBatch[] = []
  let written = 0
  const waiters: { backlog: number; resolve: () => void }[] = []
  const sink: RowSink = {
    write: (batch) => void batches.push(batch),
    backlog: () => batches.length - written,
    settle: (backlog = 0) =>
      batches.length - written <= backlog
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ backlog, resolve })),
    close: async () => true,
    importRun: () => Promise.reject(new Error('not in these tests')),
  }
  const writeUpTo = (count: number) => {
    written = count
    for (const w of waiters.splice(0))
      if (batches.length - written <= w.backlog) w.resolve()
      else waiters.push(w)
  }
  return { sink, batches, writeUpTo }
}

describe('the run writer', () => {
  const config = createConfig({ difficulty: 4 })
  const record = { command: { type: 'start' }, origin: 'lab-api', clock: 0, clockAfter: 0 } as const
  const writerOver = (sink: RowSink) => {
    const db = openDatabase(':memory:', { migrationsFolder: sourceMigrationsFolder() })
    const writer = new RunWriter(db, { appVersion: 'test', maxBuffered: 1, maxBacklog: 4 }, sink)
    writer.startRun({ config, dialect: 'readme' })
    return writer
  }

  it('never makes the simulation wait while the writer keeps up', () => {
    const { sink } = stalledSink()
    const writer = writerOver(sink)
    for (let i = 0; i < 3; i++)
      expect(writer.record({ ...record, result: null, events: [] })).toBeNull()
  })

  it('holds the simulation back once too many flushes wait, until half of them are written', async () => {
    const { sink, batches, writeUpTo } = stalledSink()
    const writer = writerOver(sink)
    let wait: Promise<void> | null = null
    while (wait === null) wait = writer.record({ ...record, result: null, events: [] })
    expect(batches.length).toBe(5) // the run's first batch, then one a command (maxBuffered 1)
    let resumed = false
    void wait.then(() => (resumed = true))
    writeUpTo(1)
    await Promise.resolve()
    expect(resumed).toBe(false)
    writeUpTo(3)
    await wait
    expect(resumed).toBe(true)
  })
})
