import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NetworkInfo } from '../../../../src/shared/api-types'
import type { VerifyResult } from '../../../../src/shared/run-types'
import { startTestLab, type TestLab } from '../../../support/lab'
import { tempDir } from '../../../support/recording'

/** Resolves with `label` when `promise` settles: to see what finished first. */
const settled = <T>(label: string, promise: Promise<T>) => promise.then(() => label)

describe('verify and export run in threads of their own', () => {
  let temp: ReturnType<typeof tempDir>
  let lab: TestLab
  let runId: number

  beforeAll(async () => {
    temp = tempDir()
    lab = await startTestLab({}, { db: join(temp.dir, 'runs.sqlite') })
    await lab.lab('/api/network/start', { method: 'POST' })
    await lab.lab('/api/network/auto-mine', { body: { interval: 10 } })
    // One step of 60,000 clocks: a verify re-executes it in one go, seconds of work.
    await lab.lab('/api/network/step', { body: { clocks: 60_000 } })
    runId = lab.app.recorder!.writer.runId!
    // The run ends, so that it no longer grows under the verify.
    await lab.lab('/api/network', { body: {} })
  }, 120_000)
  /** The first verify-progress event whose `done` passes `test`. */
  const verifyProgress = (test: (done: number) => boolean) =>
    new Promise<void>((resolve) => {
      const off = lab.app.service.bus.on('verify-progress', ({ done }) => {
        if (!test(done)) return
        off()
        resolve()
      })
    })

  afterAll(async () => {
    await lab.close()
    temp.remove()
  })

  it('answers the network and a 1-clock step while a verify goes on', async () => {
    await lab.lab('/api/network/start', { method: 'POST' })
    // The verify reports progress as it starts, and again once its first batch of commands (all
    // of this run: seconds of work) is done.
    const started = verifyProgress((done) => done === 0)
    const progress = verifyProgress((done) => done > 0)
    const verify = lab.lab(`/api/runs/${runId}/verify`, { method: 'POST' })
    await started
    await new Promise((resolve) => setTimeout(resolve, 300))
    const network = lab.lab('/api/network')
    const step = lab.lab('/api/network/step', { body: { clocks: 1 } })
    const first = await Promise.race([
      settled('verify progress', progress),
      settled('network and step', Promise.all([network, step])),
    ])
    expect(first).toBe('network and step')
    expect(((await step).body as NetworkInfo).clock).toBe(1)
    expect(((await verify).body as VerifyResult).identical).toBe(true)
  }, 60_000)

  it('cancels a verify at once: the cancel answers cancelled, the verify answers 409 cancelled', async () => {
    const started = verifyProgress((done) => done === 0)
    const verify = lab.lab(`/api/runs/${runId}/verify`, { method: 'POST' })
    await started
    const cancel = await lab.lab(`/api/runs/${runId}/verify/cancel`, { method: 'POST' })
    expect(cancel.body).toEqual({ cancelled: true })
    expect(await verify).toMatchObject({
      status: 409,
      body: { error: { code: 'cancelled', message: `verifying run ${runId} was cancelled` } },
    })
    expect((await lab.lab(`/api/runs/${runId}/verify/cancel`, { method: 'POST' })).body).toEqual({
      cancelled: false,
    })
  }, 60_000)

  it('streams an export from its thread, every line the header promised', async () => {
    const exported = fetch(`${lab.app.labUrl}/api/runs/${runId}/export?format=jsonl`)
    const network = lab.lab('/api/network')
    const response = await exported
    const text = await response.text()
    expect((await network).status).toBe(200)
    const lines = text.trimEnd().split('\n')
    expect(lines).toHaveLength(Number(response.headers.get('x-line-count')))
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ seq: lines.length })
  }, 60_000)

  it('ends every job thread when the lab closes', async () => {
    const recorder = lab.app.recorder!
    const verify = recorder.jobs.verify(runId)
    const outcome = verify.then(
      () => 'finished',
      (error: Error) => error.message,
    )
    await recorder.jobs.close()
    expect(await outcome).toBe('the job was stopped')
  }, 60_000)
})
