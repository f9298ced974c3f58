import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ownerLockFolder, RunOwnership } from '../../../src/main/recorder/run-owner'
import { until } from '../../support/lab-process'
import { tempDir } from '../../support/recording'

/** Another process claiming the file's ownership, as a lab does: its token once it holds it. */
function claimInAnotherProcess(file: string) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { RunOwnership } from './src/main/recorder/run-owner.ts'
       console.log(RunOwnership.claim(process.argv[1]).token)
       setInterval(() => {}, 1000)`,
      file,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  return {
    child,
    exited,
    token: async () => {
      await until(() => out.includes('\n'))
      return out.trim()
    },
  }
}

describe("a run's owner", () => {
  let temp: ReturnType<typeof tempDir>
  let file: string
  let mine: RunOwnership
  beforeEach(() => {
    temp = tempDir()
    file = join(temp.dir, 'runs.sqlite')
    mine = RunOwnership.claim(file)
  })
  afterEach(() => {
    mine.release()
    temp.remove()
  })

  it('is alive while its process holds its lock, and dead the moment that process is killed', async () => {
    const other = claimInAnotherProcess(file)
    const ownerLock = await other.token()
    expect(mine.isAlive({ ownerLock, ownerPid: other.child.pid ?? null })).toBe(true)
    expect(mine.owns({ ownerLock, ownerPid: null })).toBe(false)
    other.child.kill('SIGKILL')
    await other.exited
    expect(mine.isAlive({ ownerLock, ownerPid: other.child.pid ?? null })).toBe(false)
  })

  it('is not fooled by a living pid: a lock nobody holds is a dead owner, whatever process has its pid now', () => {
    // This test's own pid stands for a pid recycled by another process.
    const recycled = { ownerLock: '00000000-0000-4000-8000-000000000000', ownerPid: process.pid }
    expect(mine.isAlive(recycled)).toBe(false)
  })

  it('knows its own runs, alive until it lets go', () => {
    const own = { ownerLock: mine.token, ownerPid: process.pid }
    expect(mine.owns(own)).toBe(true)
    expect(mine.isAlive(own)).toBe(true)
    const lockFile = join(ownerLockFolder(file), `${mine.token}.lock`)
    expect(existsSync(lockFile)).toBe(true)
    mine.release()
    expect(existsSync(lockFile)).toBe(false)
    expect(RunOwnership.claim(file).isAlive(own)).toBe(false)
  })

  it("is, for a row older than owner locks, its pid's process", () => {
    expect(mine.isAlive({ ownerLock: null, ownerPid: process.pid })).toBe(true)
    expect(mine.isAlive({ ownerLock: null, ownerPid: null })).toBe(false)
  })

  it("removes a dead owner's lock file, never a living one's", async () => {
    const other = claimInAnotherProcess(file)
    const token = await other.token()
    const lockFile = join(ownerLockFolder(file), `${token}.lock`)
    mine.forget(token)
    expect(existsSync(lockFile)).toBe(true)
    expect(mine.isAlive({ ownerLock: token, ownerPid: null })).toBe(true)
    other.child.kill('SIGKILL')
    await other.exited
    mine.forget(token)
    expect(existsSync(lockFile)).toBe(false)
  })

  it('claims nothing on disk for an in-memory file, which no other process can see', () => {
    const memory = RunOwnership.claim(':memory:')
    expect(memory.token).toBeNull()
    expect(memory.owns({ ownerLock: null, ownerPid: process.pid })).toBe(false)
  })
})
