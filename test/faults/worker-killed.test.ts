// Fault suite: a worker thread hosting nodes dies (as a crash would). The lab answers the
// commands that needed it with a JSON error, keeps serving everything else, keeps the run
// recorded up to there, and a new network brings the nodes back.
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { RunSummary } from '../../src/shared/run-types'
import { startTestLab, type TestLab } from '../support/lab'
import { tempDir } from '../support/recording'

/** The service's worker threads, reached behind its back as a crash would. */
function shardThreads(lab: TestLab): { terminate(): Promise<number> }[] {
  type Thread = { terminate(): Promise<number> }
  const host = (
    lab.app.service as unknown as { host: { shards?: { worker: { worker: Thread } }[] } }
  ).host
  return (host.shards ?? []).map((shard) => shard.worker.worker)
}

describe('a worker thread killed', () => {
  let lab: TestLab | null = null
  let temp: ReturnType<typeof tempDir> | null = null
  afterEach(async () => {
    await lab?.close()
    lab = null
    temp?.remove()
    temp = null
  })

  it('fails the commands that need it as worker-failed, and the lab serves on and starts again', async () => {
    temp = tempDir()
    lab = await startTestLab({}, { db: join(temp.dir, 'runs.sqlite'), workers: 1 })
    await lab.lab('/api/network/start', { method: 'POST', body: {} })
    expect(
      (await lab.lab('/api/network/step', { method: 'POST', body: { clocks: 10 } })).status,
    ).toBe(200)
    const [thread] = shardThreads(lab)
    expect(thread).toBeDefined()
    await thread!.terminate()

    const step = await lab.lab('/api/network/step', { method: 'POST', body: { clocks: 10 } })
    expect(step.status).toBe(500)
    expect(step.body).toMatchObject({ error: { code: 'worker-failed' } })
    const runs = await lab.lab('/api/runs')
    expect(runs.status).toBe(200)
    expect((runs.body as RunSummary[]).find((r) => r.id === 1)).toMatchObject({ clocks: 10 })
    expect((await lab.lab('/api/runs/1/state?clock=10')).status).toBe(200)

    expect((await lab.lab('/api/network', { method: 'POST', body: {} })).status).toBe(200)
    await lab.lab('/api/network/start', { method: 'POST', body: {} })
    expect(
      (await lab.lab('/api/network/step', { method: 'POST', body: { clocks: 5 } })).status,
    ).toBe(200)
    expect((await lab.lab('/api/runs/2')).body).toMatchObject({ status: 'live', clocks: 5 })
    expect((await lab.lab('/api/runs/1')).body).toMatchObject({ status: 'finished', clocks: 10 })
  }, 60_000)
})
