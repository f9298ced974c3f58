import { afterEach, describe, expect, it } from 'vitest'
import { EngineError } from '../../../src/core/errors'
import { LabError } from '../../../src/shared/errors'
import { startWorker } from '../../../src/main/workers/start-worker'
import { WorkerCallFailed, WorkerClient } from '../../../src/main/workers/worker-protocol'
import type { EchoCalls } from '../../support/echo-calls'

const ECHO = new URL('../../support/echo-worker.ts', import.meta.url)

describe('the worker protocol', () => {
  let client: WorkerClient<EchoCalls>
  let failures: string[]
  const start = () => {
    failures = []
    client = new WorkerClient<EchoCalls>(startWorker(ECHO), (cause) => {
      failures.push(cause)
      client.fail(new Error(`the echo worker ${cause}`))
    })
    return client
  }
  afterEach(() => client.terminate())

  it('answers each call its own output, however the answers interleave', async () => {
    start()
    const answers = await Promise.all([
      client.call('later', 'slow'),
      client.call('echo', 'fast'),
      client.call('echo', 'faster'),
    ])
    expect(answers).toEqual(['slow', 'fast', 'faster'])
  })

  it("rebuilds refusals as the error model's errors, the engine's as EngineError", async () => {
    start()
    const engine = client.call('refuse', 'not-started')
    await expect(engine).rejects.toBeInstanceOf(EngineError)
    await expect(engine).rejects.toMatchObject({ code: 'not-started', message: 'start first' })
    const lab = client.call('refuse', 'invalid-run-file')
    await expect(lab).rejects.toBeInstanceOf(LabError)
    await expect(lab).rejects.toMatchObject({ code: 'invalid-run-file' })
    // A refusal leaves the worker serving.
    expect(await client.call('echo', 'still here')).toBe('still here')
  })

  it("answers a failure with the worker's message and stack, as data", async () => {
    start()
    const failed = await client.call('fail', null).catch((error: unknown) => error)
    expect(failed).toBeInstanceOf(WorkerCallFailed)
    expect(failed).toMatchObject({ message: 'a bug' })
    expect((failed as WorkerCallFailed).workerStack).toMatch(/echo-worker/)
  })

  it('refuses the calls under way and every later one when the thread dies', async () => {
    start()
    const pending = client.call('later', 'never')
    await expect(client.call('die', null)).rejects.toThrow(/the echo worker exited with code 3/)
    await expect(pending).rejects.toThrow(/exited with code 3/)
    await expect(client.call('echo', 'anyone?')).rejects.toThrow(/exited with code 3/)
    expect(failures).toEqual(['exited with code 3'])
  })
})
