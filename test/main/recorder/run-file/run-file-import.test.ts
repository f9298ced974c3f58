import { createHash } from 'node:crypto'
import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../../src/main/recorder/open-database'
import { readLinesSync } from '../../../../src/main/recorder/read/read-lines-sync'
import { importRunFile } from '../../../../src/main/recorder/run-file/run-file-import'
import { createRecordedLab } from '../../../support/recording'

type Lab = Awaited<ReturnType<typeof createRecordedLab>>

const TABLES = ['runs', 'blocks', 'transactions', 'commands', 'events', 'checkpoints']

/** Every table's row count, read beside the recorder's own connections. */
function rowCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true })
  try {
    return Object.fromEntries(
      TABLES.map((t) => [
        t,
        (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
      ]),
    )
  } finally {
    db.close()
  }
}

/** A run file's lines with a fresh end line, as a tool that rewrote the rows would make it. */
function resealed(lines: readonly string[]): string {
  const rows = lines.slice(0, -1)
  const counts: Record<string, number> = {}
  for (const row of rows.slice(1)) {
    const t = (JSON.parse(row) as { t: string }).t
    counts[t] = (counts[t] ?? 0) + 1
  }
  const sha256 = createHash('sha256')
    .update(rows.map((r) => `${r}\n`).join(''))
    .digest('hex')
  return `${[...rows, JSON.stringify({ t: 'end', counts, sha256 })].join('\n')}\n`
}

describe('importing a run file a chunk at a time', () => {
  let lab: Lab
  let text: string
  let lines: string[]
  const fileOf = (name: string, content: string) => {
    const path = join(lab.file, '..', name)
    writeFileSync(path, content)
    return path
  }

  beforeAll(async () => {
    lab = await createRecordedLab({ nodes: 4 })
    const { service, recorder, runId } = lab
    // Multi-byte characters in the header: some fall across the reader's chunk boundaries.
    recorder.rename(runId, { name: 'Ünïcödé run ✓ 🚀', notes: 'über-long €€€' })
    await service.execute({ type: 'start' }, 'lab-api')
    await service.execute({ type: 'set-workload', rate: 1 }, 'lab-api')
    await service.execute({ type: 'mine', node: 'node2' }, 'lab-api')
    await service.execute({ type: 'step', clocks: 600 }, 'lab-api')
    await recorder.sync()
    text = [...recorder.exportLines(runId, 'run')].join('')
    lines = text.trimEnd().split('\n')
  }, 60_000)
  afterAll(() => lab.close())

  it('imports a file several read chunks long as an identical run', async () => {
    const path = fileOf('big.chain-lab-run', text)
    // The reader takes 1 MiB at a time: this is three reads or more.
    expect(statSync(path).size).toBeGreaterThan(2 * 1024 * 1024)
    const id = await lab.recorder.importRunFile(path)
    const copy = lab.recorder.reader.getRun(id)
    const original = lab.recorder.reader.getRun(lab.runId)
    expect(copy).toMatchObject({
      name: 'Ünïcödé run ✓ 🚀',
      notes: 'über-long €€€',
      status: 'finished',
      events: original!.events,
      blocks: original!.blocks,
      commands: original!.commands,
    })
    // Every row came back: the copy exports the same rows as the original.
    const again = [...lab.recorder.exportLines(id, 'run')].join('').trimEnd().split('\n')
    expect(again.slice(1, -1)).toEqual(lines.slice(1, -1))
    lab.recorder.delete(id)
  })

  it('refuses a file damaged at its very end, leaving nothing of it behind', async () => {
    const before = rowCounts(lab.file)
    const last = lines.length - 2
    const damagedRow = [...lines]
    // Still JSON, still a checkpoint: only the checksum can tell.
    damagedRow[last] = damagedRow[last]!.replace('"clock":', '"clock": ')
    expect(damagedRow[last]).not.toBe(lines[last])
    const end = JSON.parse(lines.at(-1)!) as { sha256: string }
    const damagedSum = [...lines]
    damagedSum[lines.length - 1] = lines
      .at(-1)!
      .replace(end.sha256, `${end.sha256.slice(0, -1)}${end.sha256.endsWith('0') ? '1' : '0'}`)
    for (const damaged of [damagedRow, damagedSum]) {
      const path = fileOf('damaged.chain-lab-run', `${damaged.join('\n')}\n`)
      await expect(lab.recorder.importRunFile(path)).rejects.toThrow(/checksum/)
      expect(rowCounts(lab.file)).toEqual(before)
    }
  })

  it('refuses a file cut short, or with rows after its end', async () => {
    const before = rowCounts(lab.file)
    const half = fileOf('half.chain-lab-run', text.slice(0, Math.floor(text.length / 2)))
    await expect(lab.recorder.importRunFile(half)).rejects.toThrow(/not JSON|truncated/)
    const whole = fileOf('whole-lines.chain-lab-run', `${lines.slice(0, -3).join('\n')}\n`)
    await expect(lab.recorder.importRunFile(whole)).rejects.toThrow(/truncated/)
    const extra = fileOf('extra.chain-lab-run', `${text}${lines[3]}\n`)
    await expect(lab.recorder.importRunFile(extra)).rejects.toThrow(/follows its end/)
    expect(rowCounts(lab.file)).toEqual(before)
  })

  it('rolls back rows SQLite refuses late in a file whose checksum holds', async () => {
    const before = rowCounts(lab.file)
    const lastCheckpoint = lines.findLastIndex((l) => l.startsWith('{"t":"checkpoints"'))
    expect(lastCheckpoint).toBeGreaterThan(
      lines.findLastIndex((l) => l.startsWith('{"t":"events"')),
    )
    // The same checkpoint twice, resealed: every line passes the file's own checks, and only SQLite,
    // at the checkpoint's second insert (after the events are in), finds its rows are not a run.
    const twice = [
      ...lines.slice(0, lastCheckpoint + 1),
      lines[lastCheckpoint]!,
      ...lines.slice(lastCheckpoint + 1),
    ]
    const path = fileOf('twice.chain-lab-run', resealed(twice))
    await expect(lab.recorder.importRunFile(path)).rejects.toThrow(
      /do not fit a run: .*UNIQUE constraint failed: checkpoints/,
    )
    expect(rowCounts(lab.file)).toEqual(before)
  })

  it('imports by the writer thread, the live run recording on around a refused file', async () => {
    const refused = fileOf('refused.chain-lab-run', 'not a run file\n')
    await expect(lab.recorder.importRunFile(refused)).rejects.toMatchObject({
      code: 'invalid-run-file',
    })
    const before = lab.recorder.reader.getRun(lab.runId)!.clocks
    await lab.service.execute({ type: 'step', clocks: 3 }, 'lab-api')
    await lab.recorder.sync()
    expect(lab.recorder.reader.getRun(lab.runId)!.clocks).toBe(before + 3)
  })

  it('holds no transaction between its steps, and shows the run to no one until it is whole', async () => {
    const path = fileOf('stepwise.chain-lab-run', text)
    // A connection of its own on the same file, driven here step by step.
    const db = openDatabase(lab.file, { migrationsFolder: '', migrate: false })
    const seen: {
      inTransaction: boolean
      listed: number[]
      staging: number
    }[] = []
    const staging = () =>
      (
        db.$client.prepare("SELECT count(*) AS n FROM runs WHERE status = 'importing'").get() as {
          n: number
        }
      ).n
    const listed = () => lab.recorder.reader.listRuns().map((r) => r.id)
    const before = listed()
    try {
      const id = await importRunFile(
        db,
        () => readLinesSync(path),
        async () => {
          // Another writer gets in between steps (a live run's batch, a rename).
          lab.recorder.rename(lab.runId, { notes: `step ${seen.length}` })
          seen.push({
            inTransaction: db.$client.inTransaction,
            listed: listed(),
            staging: staging(),
          })
        },
      )
      // Pauses in the checking pass, then in the inserting pass with the run half in.
      expect(seen.some((s) => s.staging === 0)).toBe(true)
      expect(seen.some((s) => s.staging === 1)).toBe(true)
      expect(seen.every((s) => !s.inTransaction)).toBe(true)
      expect(seen.every((s) => s.listed.join() === before.join())).toBe(true)
      expect(listed()).toEqual([id, ...before])
      lab.recorder.delete(id)
    } finally {
      db.$client.close()
    }
  })

  it("removes at the next start what an import cut short by its process's death left", () => {
    const db = new Database(lab.file)
    try {
      const { id } = db
        .prepare(
          `INSERT INTO runs (name, created_at, status, config, dialect, app_version, owner_pid)
           SELECT name, created_at, 'importing', config, dialect, app_version, 999999999 FROM runs
           WHERE id = ? RETURNING id`,
        )
        .get(lab.runId) as { id: number }
      expect(lab.recorder.writer.markInterrupted((owner) => owner.ownerPid !== 999_999_999)).toBe(0)
      expect(db.prepare('SELECT count(*) AS n FROM runs WHERE id = ?').get(id)).toEqual({ n: 0 })
    } finally {
      db.close()
    }
  })

  it('refuses a file it cannot read, saying so', async () => {
    await expect(
      lab.recorder.importRunFile(join(lab.file, '..', 'no-such.chain-lab-run')),
    ).rejects.toMatchObject({
      code: 'invalid-run-file',
      message: 'the file cannot be read (ENOENT)',
    })
  })
})
