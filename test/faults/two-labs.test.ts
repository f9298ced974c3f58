// Fault suite: two labs on one database file, and a lab killed with SIGKILL. A live run belongs
// to the process recording it, known by a lock the OS lets go of at its death (run-owner.ts).
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { RunSummary } from '../../src/shared/run-types'
import {
  freeLabPorts,
  processState,
  spawnLab,
  spawnUnreapedLab,
  until,
} from '../support/lab-process'
import { startTestLab, type TestLab } from '../support/lab'
import { tempDir } from '../support/recording'

describe('two labs on one file', () => {
  let temp: ReturnType<typeof tempDir>
  let second: TestLab | null = null
  const stops: (() => Promise<unknown>)[] = []
  afterEach(async () => {
    await second?.close()
    second = null
    for (const stop of stops.splice(0)) await stop()
    temp.remove()
  })

  it("cannot delete or change the other's live run while its lab lives, and the other goes on recording", async () => {
    temp = tempDir()
    const db = join(temp.dir, 'runs.sqlite')
    const { labPort, args } = await freeLabPorts()
    const first = spawnLab(['--nodes', '1', ...args, '--db', db, '--workers', '0'])
    stops.push(async () => {
      first.child.kill('SIGKILL')
      await first.exited
    })
    await until(() => first.output().includes('recording to'), 90_000)
    const api = `http://127.0.0.1:${labPort}`
    await fetch(`${api}/api/network/start`, { method: 'POST' })
    await fetch(`${api}/api/network/step`, { method: 'POST', body: '{"clocks":5}' })

    second = await startTestLab({ nodes: ['a'] }, { db })
    expect(second.app.recorder?.interrupted).toBe(0)
    const refusedDelete = await second.lab('/api/runs/1', { method: 'DELETE' })
    expect(refusedDelete.status).toBe(409)
    expect(refusedDelete.body).toMatchObject({
      error: { code: 'run-is-live', message: expect.stringMatching(/in another lab/) },
    })
    const refusedRename = await second.lab('/api/runs/1', {
      method: 'PATCH',
      body: { name: 'mine now' },
    })
    expect(refusedRename.status).toBe(409)
    expect(refusedRename.body).toMatchObject({ error: { code: 'run-is-live' } })

    // The first lab's recording never noticed.
    await fetch(`${api}/api/network/step`, { method: 'POST', body: '{"clocks":5}' })
    const runs = await fetch(`${api}/api/runs`)
    expect(runs.status).toBe(200)
    const own = ((await runs.json()) as RunSummary[]).find((r) => r.id === 1)
    expect(own).toMatchObject({ status: 'live', clocks: 10 })
    expect(own?.name).not.toBe('mine now')

    // Its owner dead, the run is a saved run like any other, at once.
    first.child.kill('SIGKILL')
    await first.exited
    expect((await second.lab('/api/runs/1')).body).toMatchObject({ status: 'live' })
    expect((await second.lab('/api/runs/1', { method: 'DELETE' })).status).toBe(200)
  }, 150_000)
})

describe('a lab killed with SIGKILL', () => {
  let temp: ReturnType<typeof tempDir>
  let next: TestLab | null = null
  let unreaped: ReturnType<typeof spawnUnreapedLab> | null = null
  afterEach(async () => {
    await next?.close()
    next = null
    await unreaped?.stop()
    unreaped = null
    temp.remove()
  })

  it('has its live run marked interrupted by a lab started at once, though it is still a zombie', async () => {
    temp = tempDir()
    const db = join(temp.dir, 'runs.sqlite')
    const { labPort, args } = await freeLabPorts()
    unreaped = spawnUnreapedLab(['--nodes', '1', ...args, '--db', db, '--workers', '0'])
    const lab = unreaped
    const pid = await lab.labPid()
    await until(() => lab.output().includes('recording to'), 90_000)
    const api = `http://127.0.0.1:${labPort}`
    await fetch(`${api}/api/network/start`, { method: 'POST' })
    await fetch(`${api}/api/network/step`, { method: 'POST', body: '{"clocks":30}' })

    process.kill(pid, 'SIGKILL')
    await until(() => processState(pid) === 'Z', 5_000)
    // kill -0 still finds the zombie: a pid says nothing here.
    expect(() => process.kill(pid, 0)).not.toThrow()

    next = await startTestLab({}, { db })
    expect(next.app.recorder?.interrupted).toBe(1)
    expect(next.app.recorder?.reader.getRun(1)).toMatchObject({ status: 'interrupted' })
    expect(processState(pid)).toBe('Z')
  }, 150_000)
})
