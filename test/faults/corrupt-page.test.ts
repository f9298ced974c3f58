// Fault suite: a damaged, read-only or unreadable database file stops the lab with one line
// that names the file and what to do, exit code 2, no stack trace, and nothing written to it.
import { createHash } from 'node:crypto'
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { freeLabPorts, spawnLab } from '../support/lab-process'
import { startTestLab } from '../support/lab'
import { pageSizeOf, tempDir } from '../support/recording'
import { mountTmpfs, type Tmpfs } from '../support/tmpfs'

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

/** A file recorded by a lab that stepped a while and closed cleanly. */
async function recordedFile(file: string): Promise<void> {
  const lab = await startTestLab({}, { db: file })
  await lab.lab('/api/network/start', { method: 'POST', body: {} })
  await lab.lab('/api/network/workload', { method: 'POST', body: { rate: 3 } })
  for (let i = 0; i < 10; i++) {
    await lab.lab('/api/nodes/node1/mine', { method: 'POST', body: {} })
    await lab.lab('/api/network/step', { method: 'POST', body: { clocks: 20 } })
  }
  await lab.close()
}

/** `npm run lab` on `db`: its exit code and everything it printed. */
async function labOn(db: string): Promise<{ code: number | null; output: string }> {
  const { args } = await freeLabPorts()
  const lab = spawnLab(['--nodes', '1', '--workers', '0', ...args, '--db', db])
  // A lab that opens the file anyway (the fault this suite guards against) is stopped here.
  const timer = setTimeout(() => lab.child.kill('SIGKILL'), 30_000)
  const code = await lab.exited
  clearTimeout(timer)
  return { code, output: lab.output() }
}

function expectOneLine(output: string): void {
  expect(output.trim().split('\n'), output).toHaveLength(1)
  expect(output).not.toMatch(/\n\s+at /)
}

describe('a damaged database file', () => {
  let temp: ReturnType<typeof tempDir>
  let tmpfs: Tmpfs | null = null
  afterEach(() => {
    tmpfs?.unmount()
    tmpfs = null
    temp.remove()
  })

  it('with a page overwritten stops the lab with one line naming it, exit 2, and is never written to', async () => {
    temp = tempDir()
    const db = join(temp.dir, 'runs.sqlite')
    await recordedFile(db)
    const pageSize = pageSizeOf(db)
    const pages = Math.floor(statSync(db).size / pageSize)
    expect(pages).toBeGreaterThan(8)
    const fd = openSync(db, 'r+')
    writeSync(fd, Buffer.alloc(3_000, 0xa5), 0, 3_000, Math.floor(pages / 2) * pageSize)
    closeSync(fd)
    const before = sha256(db)

    const { code, output } = await labOn(db)
    expect(code).toBe(2)
    expectOneLine(output)
    expect(output).toContain(`chain-lab: ${db} is damaged (`)
    expect(output).toContain('Move it aside')
    expect(sha256(db)).toBe(before)
  }, 60_000)

  it('that is a folder, not a file, stops the lab with one line naming it, exit 2', async () => {
    temp = tempDir()
    const db = join(temp.dir, 'runs.sqlite')
    mkdirSync(db)
    const { code, output } = await labOn(db)
    expect(code).toBe(2)
    expectOneLine(output)
    expect(output).toContain(`chain-lab: cannot open ${db} (`)
  }, 60_000)

  it('on a read-only file system stops the lab with one line naming it, exit 2', async (context) => {
    temp = tempDir()
    const mounted = mountTmpfs('4m')
    if (typeof mounted === 'string') return context.skip(mounted)
    tmpfs = mounted
    const db = join(mounted.dir, 'runs.sqlite')
    await recordedFile(join(temp.dir, 'runs.sqlite'))
    copyFileSync(join(temp.dir, 'runs.sqlite'), db)
    mounted.readOnly()
    const { code, output } = await labOn(db)
    expect(code).toBe(2)
    expectOneLine(output)
    expect(output).toContain(`chain-lab: ${db} is read-only (`)
  }, 60_000)
})
