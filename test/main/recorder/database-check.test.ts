import { createHash } from 'node:crypto'
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  checkDatabaseFile,
  checkInThread,
  checkIntegrity,
  DatabaseFileError,
} from '../../../src/main/recorder/database-check'
import { Recorder } from '../../../src/main/recorder/recorder'
import { startTestLab } from '../../support/lab'
import { createRecordedLab, pageSizeOf, tempDir } from '../../support/recording'

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

/** A recorded file of a few hundred KB: one run with blocks, events and checkpoints. */
async function recordedFile(): Promise<{ file: string; remove: () => void }> {
  const lab = await createRecordedLab({}, { checkpointEvery: 5 })
  await lab.service.execute({ type: 'start' }, 'lab-api')
  await lab.service.execute({ type: 'set-workload', rate: 3 }, 'lab-api')
  for (let i = 0; i < 20; i++) {
    await lab.service.execute({ type: 'mine', node: 'node1' }, 'lab-api')
    await lab.service.execute({ type: 'step', clocks: 10 }, 'lab-api')
  }
  await lab.recorder.close()
  await lab.service.close()
  const folder = dirname(lab.file)
  return { file: lab.file, remove: () => rmSync(folder, { recursive: true, force: true }) }
}

/** Overwrites `bytes` bytes at `offset` with a pattern no page holds. */
function overwrite(file: string, offset: number, bytes: number): void {
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.alloc(bytes, 0xa5), 0, bytes, offset)
  closeSync(fd)
}

describe('the database file, checked when opened', () => {
  let cleanup: (() => void)[] = []
  afterEach(() => {
    for (const c of cleanup) c()
    cleanup = []
  })

  it('opens a sound file, and a new one, as before', async () => {
    const recorded = await recordedFile()
    cleanup.push(recorded.remove)
    expect(checkIntegrity(recorded.file, 'full')).toMatchObject({ ok: true, problems: [] })
    expect(() => checkDatabaseFile(recorded.file)).not.toThrow()
    expect(() => checkDatabaseFile(join(recorded.file, '..', 'new.sqlite'))).not.toThrow()
  })

  it('refuses a file with 3,000 bytes overwritten mid-file, naming it, and writes nothing to it', async () => {
    const recorded = await recordedFile()
    cleanup.push(recorded.remove)
    const { file } = recorded
    const pageSize = pageSizeOf(file)
    const pages = Math.floor(statSync(file).size / pageSize)
    expect(pages).toBeGreaterThan(8)
    overwrite(file, Math.floor(pages / 2) * pageSize, 3_000)
    const wal = `${file}-wal`
    const before = sha256(file)
    expect(existsSync(wal)).toBe(false)

    const opening = () => Recorder.open(file, { appVersion: 'test' })
    expect(opening).toThrow(DatabaseFileError)
    expect(opening).toThrow(`${file} is damaged (`)
    expect(opening).toThrow(/Move it aside .* or start the lab with another database file/)
    expect(sha256(file)).toBe(before)
    // The read-only check may leave an empty log beside it (SQLite's WAL mode), nothing more.
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0)
    expect(checkIntegrity(file, 'full')).toMatchObject({ ok: false, kind: 'full' })
  })

  it('refuses a truncated file and one that is no database at all', async () => {
    const recorded = await recordedFile()
    cleanup.push(recorded.remove)
    const truncated = join(recorded.file, '..', 'truncated.sqlite')
    const fd = openSync(truncated, 'w')
    writeSync(fd, readFileSync(recorded.file).subarray(0, 3 * pageSizeOf(recorded.file)))
    closeSync(fd)
    expect(() => Recorder.open(truncated, { appVersion: 'test' })).toThrow(
      `${truncated} is damaged (`,
    )
    const text = join(recorded.file, '..', 'notes.txt')
    const out = openSync(text, 'w')
    writeSync(out, 'shopping list: bread, milk, more bread, '.repeat(200))
    closeSync(out)
    expect(() => Recorder.open(text, { appVersion: 'test' })).toThrow(
      `${text} is damaged (file is not a database)`,
    )
  })

  it('refuses a path it cannot open as a file, naming it', () => {
    const temp = tempDir()
    cleanup.push(temp.remove)
    // A folder where the file should be: unreadable as a database for root too.
    const folder = join(temp.dir, 'runs.sqlite')
    mkdirSync(folder)
    expect(() => Recorder.open(folder, { appVersion: 'test' })).toThrow(
      new RegExp(`^cannot open ${folder} \\(.*\\): give this user read and write access`),
    )
  })

  it('checks the whole file on demand, in a thread of its own, through POST /api/database/check', async () => {
    const temp = tempDir()
    cleanup.push(temp.remove)
    const file = join(temp.dir, 'runs.sqlite')
    const lab = await startTestLab({}, { db: file })
    try {
      await lab.lab('/api/network/start', { method: 'POST', body: {} })
      await lab.lab('/api/network/step', { method: 'POST', body: { clocks: 20 } })
      const checked = await lab.lab('/api/database/check', { method: 'POST', body: {} })
      expect(checked).toMatchObject({
        status: 200,
        body: { file, kind: 'full', ok: true, problems: [] },
      })
      const openApi = (await lab.lab('/openapi.json')).body as { paths: Record<string, unknown> }
      expect(openApi.paths).toHaveProperty('/api/database/check')
    } finally {
      await lab.close()
    }
  })

  it("names a damaged file's problems when checked in full", async () => {
    const recorded = await recordedFile()
    cleanup.push(recorded.remove)
    overwrite(recorded.file, 4 * pageSizeOf(recorded.file), 3_000)
    const check = await checkInThread(recorded.file)
    expect(check).toMatchObject({ file: recorded.file, kind: 'full', ok: false })
    expect(check.problems[0]).toMatch(/page|malformed/)
  })
})
