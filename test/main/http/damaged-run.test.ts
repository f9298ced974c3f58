import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunSummary } from '../../../src/shared/run-types'
import { startTestLab, type TestLab } from '../../support/lab'
import { tempDir } from '../../support/recording'

describe('one unreadable run never breaks the list', () => {
  let temp: ReturnType<typeof tempDir>
  let lab: TestLab
  let file: string

  beforeAll(async () => {
    temp = tempDir()
    file = join(temp.dir, 'runs.sqlite')
    lab = await startTestLab({}, { db: file })
    await lab.lab('/api/network/start', { method: 'POST' })
    await lab.lab('/api/network/step', { body: { clocks: 3 } })
    // A new network ends run 1 and records run 2; run 3 is the one recording now.
    await lab.lab('/api/network', { body: { nodes: 3 } })
    await lab.lab('/api/network', { body: { nodes: 3 } })
    // Run 2's end is written by the writer thread: damage it after that.
    for (let i = 0; i < 100; i++) {
      const runs = (await lab.lab('/api/runs')).body as RunSummary[]
      if (runs.find((r) => r.id === 2)?.status === 'finished') break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    // Rows as an older lab's import (which trusted its file) or a damaged disk may leave them.
    const db = new Database(file)
    db.prepare(`UPDATE runs SET config = 'not json' WHERE id = 1`).run()
    db.prepare(`UPDATE runs SET status = 'bogus' WHERE id = 2`).run()
    db.close()
  }, 60_000)
  afterAll(async () => {
    await lab.close()
    temp.remove()
  })

  it('lists the damaged runs with the reason, the others as before', async () => {
    const listed = await lab.lab('/api/runs')
    expect(listed.status).toBe(200)
    const runs = listed.body as RunSummary[]
    expect(runs.find((r) => r.id === 1)).toMatchObject({
      damaged: 'its config is not JSON',
      nodes: 0,
    })
    expect(runs.find((r) => r.id === 2)).toMatchObject({
      damaged: 'its status "bogus" is unknown',
      nodes: 3,
    })
    expect(runs.find((r) => r.id === 3)).not.toHaveProperty('damaged')
    expect((await lab.lab('/api/runs/1')).body).toMatchObject({
      id: 1,
      damaged: expect.any(String),
    })
  })

  it('answers run-damaged for what needs the run’s config, not an internal error', async () => {
    const state = await lab.lab('/api/runs/1/state?clock=1')
    expect(state.status).toBe(409)
    expect(state.body).toEqual({
      error: {
        code: 'run-damaged',
        message: 'run 1 is damaged: its config is not JSON; delete it',
      },
    })
  })

  it('deletes a damaged run', async () => {
    for (const id of [1, 2])
      expect((await lab.lab(`/api/runs/${id}`, { method: 'DELETE' })).status).toBe(200)
    const runs = (await lab.lab('/api/runs')).body as RunSummary[]
    expect(runs.map((r) => r.id)).toEqual([3])
  })
})
