import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunSummary } from '../../../src/shared/run-types'
import { startTestLab, type TestLab } from '../../support/lab'
import { tempDir } from '../../support/recording'

describe('a run whose rows were damaged after they were written', () => {
  let temp: ReturnType<typeof tempDir>
  let lab: TestLab

  beforeAll(async () => {
    temp = tempDir()
    const file = join(temp.dir, 'runs.sqlite')
    lab = await startTestLab({}, { db: file })
    await lab.lab('/api/network/start', { method: 'POST' })
    await lab.lab('/api/nodes/node1/mine', { method: 'POST' })
    await lab.lab('/api/network/step', { body: { clocks: 20 } })
    await lab.lab('/api/network', { body: {} })
    for (let i = 0; i < 100; i++) {
      const runs = (await lab.lab('/api/runs')).body as RunSummary[]
      if (runs.find((r) => r.id === 1)?.status === 'finished') break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    // As a disk fault or a hand edit may leave them: a chunk of events that no longer inflates,
    // and a command no longer JSON.
    const db = new Database(file)
    db.prepare(
      `UPDATE event_chunks SET data = x'deadbeef' WHERE run_id = 1 AND first_seq = 1`,
    ).run()
    db.prepare(`UPDATE commands SET command = 'not json' WHERE run_id = 1 AND seq = 2`).run()
    db.close()
  }, 60_000)
  afterAll(async () => {
    await lab.close()
    temp.remove()
  })

  const routes = [
    ['its events', 'GET', '/api/runs/1/events'],
    ['its state', 'GET', '/api/runs/1/state?clock=10'],
    ['its scenario', 'GET', '/api/runs/1/scenario'],
    ['a verify', 'POST', '/api/runs/1/verify'],
  ]
  for (const [what, method, path] of routes)
    it(`answers run-damaged for ${what}, naming the reason`, async () => {
      const answer = await lab.lab(path as string, { method: method as string })
      expect(answer.status).toBe(409)
      expect(answer.body).toMatchObject({
        error: {
          code: 'run-damaged',
          message: expect.stringMatching(
            /^run 1 is damaged: a row cannot be read \(.+\); delete it$/,
          ),
        },
      })
    })

  it('still lists the run, and deletes it', async () => {
    expect((await lab.lab('/api/runs/1')).status).toBe(200)
    expect((await lab.lab('/api/runs/1', { method: 'DELETE' })).status).toBe(200)
  })
})
