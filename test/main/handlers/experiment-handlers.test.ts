import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Queue } from 'bullmq'
import { parseQueueUrl } from '../../../src/main/experiment/queue/queue-url'
import { QUEUE_NAME } from '../../../src/main/experiment/queue/sweep-jobs'
import { startQueueWorker, type QueueWorker } from '../../../src/main/experiment/queue/queue-worker'
import { hostFactory } from '../../../src/main/host/create-host'
import { sweepRunner } from '../../../src/main/app/lab-app'
import { sourcePlatform } from '../../../src/main/app/platform'
import type { Caller } from '../../../src/main/handlers/caller'
import { createExperimentHandlers } from '../../../src/main/handlers/experiment-handlers'
import { STATUS_OF, toErrorData } from '../../../src/shared/errors'
import { LabService } from '../../../src/main/lab/lab-service'
import { LAB_METHODS } from '../../../src/shared/lab-contract'
import type { LabEvents } from '../../../src/shared/lab-events'
import type { Sweep } from '../../../src/shared/sweep'
import { freePort } from '../../support/free-port'
import { REDIS_MISSING, requireRedisOnCi, startRedis } from '../../support/redis-server'

const binary = requireRedisOnCi()
if (!binary) console.warn(`skipped: ${REDIS_MISSING}`)

const LAB_API: Caller = { origin: 'lab-api' }

const sweep: Sweep = {
  base: { nodes: 4, topology: 'mesh', clocks: 500, difficulty: 1 },
  vary: { latency: [0, 2] },
  seeds: [1],
}

describe('POST /api/sweeps', () => {
  it('takes an optional queue URL', () => {
    const input = LAB_METHODS.runSweep.input
    expect(input.safeParse({ sweep, queue: 'redis://127.0.0.1:6379' }).success).toBe(true)
    expect(input.safeParse({ sweep }).success).toBe(true)
    expect(input.safeParse({ sweep, queue: '' }).success).toBe(false)
  })
})

describe.skipIf(!binary)('a sweep from the lab, through a queue', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>
  let worker: QueueWorker
  let service: LabService

  beforeAll(async () => {
    redis = await startRedis(binary as string, { password: 'lab-secret' })
    worker = await startQueueWorker({
      target: parseQueueUrl(redis.url),
      concurrency: 1,
      record: false,
      appVersion: 'test',
    })
    service = await LabService.create({ difficulty: 4 }, { createHost: hostFactory(0) })
  }, 60_000)

  afterAll(async () => {
    await service?.close()
    await worker?.close()
    await redis?.stop()
  })

  it('runs on the queue’s workers and reports which worker ran each run', async () => {
    const handlers = createExperimentHandlers(service, sweepRunner(sourcePlatform('test'), null))
    const progress: LabEvents['sweep-progress'][] = []
    const off = service.bus.on('sweep-progress', (p) => progress.push(p))
    try {
      const { rows, runIds } = await handlers.runSweep({ sweep, queue: redis.url }, LAB_API)
      expect(rows).toHaveLength(2)
      expect(runIds).toEqual([null, null])
      expect(progress.map((p) => [p.done, p.worker])).toEqual([
        [0, undefined],
        [1, worker.name],
        [2, worker.name],
      ])
      expect(
        progress
          .map((p) => p.index)
          .filter((i) => i !== undefined)
          .sort(),
      ).toEqual([0, 1])
    } finally {
      off()
    }
  }, 60_000)

  it('is cancelled from the lab: its waiting runs leave the queue, and it answers cancelled', async () => {
    const handlers = createExperimentHandlers(service, sweepRunner(sourcePlatform('test'), null))
    const queue = new Queue(QUEUE_NAME, { connection: parseQueueUrl(redis.url).connection })
    const long: Sweep = { ...sweep, base: { ...sweep.base, clocks: 20_000 }, seeds: [1, 2, 3] }
    const first = new Promise<void>((resolve) => {
      const off = service.bus.on('sweep-progress', ({ done }) => {
        if (done === 0) return
        off()
        resolve()
      })
    })
    try {
      const running = handlers.runSweep({ sweep: long, queue: redis.url }, LAB_API)
      const outcome = running.then(
        () => null,
        (e: unknown) => toErrorData(e).code,
      )
      await first
      expect(await handlers.cancelSweep({}, LAB_API)).toEqual({ cancelled: true })
      expect(await outcome).toBe('cancelled')
      await expect
        .poll(() => queue.getJobCounts('waiting', 'active', 'delayed'), { timeout: 10_000 })
        .toEqual({ waiting: 0, active: 0, delayed: 0 })
    } finally {
      await queue.close()
    }
  }, 60_000)

  it('answers 502 naming an unreachable queue without its password, 400 for a bad URL', async () => {
    const handlers = createExperimentHandlers(service, sweepRunner(sourcePlatform('test'), null))
    const port = await freePort()
    const unreachable = toErrorData(
      await handlers
        .runSweep({ sweep, queue: `redis://:lab-secret@127.0.0.1:${port}` }, LAB_API)
        .catch((e: unknown) => e),
    )
    expect(STATUS_OF[unreachable.code]).toBe(502)
    expect(unreachable.message).toContain(`redis://127.0.0.1:${port}`)
    expect(unreachable.message).not.toContain('lab-secret')
    const bad = toErrorData(
      await handlers
        .runSweep({ sweep, queue: 'http://:lab-secret@x' }, LAB_API)
        .catch((e: unknown) => e),
    )
    expect(STATUS_OF[bad.code]).toBe(400)
    expect(bad.message).not.toContain('lab-secret')
  })
})
