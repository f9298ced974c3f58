import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { spawnLab } from '../../support/lab-process'
import { spawnRecordingLab } from '../../support/lab-process'
import { tempDir } from '../../support/recording'

describe('SIGTERM during a verify', () => {
  let temp: ReturnType<typeof tempDir>
  let lab: ReturnType<typeof spawnLab> | undefined
  afterEach(() => {
    lab?.child.kill('SIGKILL')
    temp.remove()
  })

  it('stops the lab at once, the verify cut short, the database consistent', async () => {
    temp = tempDir()
    const db = join(temp.dir, 'runs.sqlite')
    const spawned = await spawnRecordingLab(db, ['--workers', '0', '--difficulty', '4'])
    lab = spawned.lab
    const { api, post } = spawned
    await post('/api/network/start')
    await post('/api/network/auto-mine', { interval: 10 })
    // One step of 60,000 clocks: seconds of work to re-execute, in one go.
    await post('/api/network/step', { clocks: 60_000 })
    await post('/api/network', {})
    // Every row written first (a read waits for the writer): the shutdown then has only the
    // verify to stop.
    await fetch(`${api}/api/runs/1`)
    const verify = post('/api/runs/1/verify').then(
      async (response) => (await response.json()) as unknown,
      () => 'connection closed',
    )
    // The verify under way (its thread started, or the lab's thread blocked in it).
    await new Promise((resolve) => setTimeout(resolve, 500))
    const started = Date.now()
    lab.child.kill('SIGTERM')
    expect(await lab.exited).toBe(0)
    expect(Date.now() - started).toBeLessThan(2_000)
    // It ended before the verify did.
    expect(await verify).not.toMatchObject({ identical: true })

    const raw = new Database(db, { readonly: true })
    try {
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(raw.prepare('SELECT id, status FROM runs ORDER BY id').all()).toEqual([
        { id: 1, status: 'finished' },
        { id: 2, status: 'finished' },
      ])
    } finally {
      raw.close()
    }
  }, 120_000)
})
