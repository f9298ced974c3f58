import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { parseQueueUrl } from '../../src/main/experiment/queue/queue-url'
import { runQueuedSweep } from '../../src/main/experiment/queue/run-queued-sweep'
import { runSweep } from '../../src/main/experiment/run-sweep'
import type { Sweep } from '../../src/shared/sweep'
import { tempDir } from '../support/recording'
import { spawnSweepWorker, sweepWorkerReady } from '../support/sweep-worker-process'
import { redisServerBinary, REDIS_MISSING, startRedis } from '../support/redis-server'
import { heading, row } from './report'

/** Eight runs of a few seconds each: long enough that a run's cost is the simulation's. */
const SWEEP: Sweep = {
  name: 'scale-out bench',
  base: { nodes: 10, topology: 'mesh', clocks: 10_000, difficulty: 1 },
  vary: { latency: [0, 4], interval: [30, 60] },
  seeds: [1, 2],
}
const RUNS = 8

/** `npm run sweep-worker` processes, each taking one run at a time; resolves once all listen. */
async function startWorkers(url: string, count: number, record: boolean): Promise<ChildProcess[]> {
  const workers = Array.from({ length: count }, () =>
    spawnSweepWorker(url, record ? ['--record'] : []),
  )
  await Promise.all(workers.map(sweepWorkerReady))
  return workers.map((w) => w.child)
}

async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map((child) => {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      return exited
    }),
  )
}

/**
 * The same sweep locally (worker threads) and through a Redis queue on 1, 2 and 4 worker
 * processes of one run at a time: runs per minute, and the queue's cost per run against the
 * local sweep with as many runs at once. Needs a redis-server (started on a free port here).
 */
export async function benchScaleOut(): Promise<void> {
  heading(`Scale-out: ${RUNS} runs of 10-node mesh × 10,000 clocks, through BullMQ on Redis`)
  const binary = redisServerBinary()
  if (!binary) return console.log(`skipped: ${REDIS_MISSING}`)
  const redis = await startRedis(binary)
  const target = parseQueueUrl(redis.url)
  const temp = tempDir()
  const perMinute = (seconds: number) => (60 * RUNS) / seconds
  const time = async (run: () => Promise<unknown>) => {
    const started = performance.now()
    await run()
    return (performance.now() - started) / 1000
  }
  try {
    // Runs so short (a 4-node mesh, 10 clocks) that the time is the queue's and the threads'.
    const tiny: Sweep = {
      base: { nodes: 4, topology: 'mesh', clocks: 10 },
      vary: {},
      seeds: Array.from({ length: 40 }, (_, i) => i + 1),
    }
    const tinyLocal = await time(() =>
      runSweep(tiny, { parallel: 1, db: null, appVersion: 'bench' }),
    )
    const tinyWorker = await startWorkers(redis.url, 1, false)
    const tinyQueued = await time(() =>
      runQueuedSweep(tiny, { target, db: null, appVersion: 'bench' }),
    )
    await stopWorkers(tinyWorker)
    row('40 runs of 10 clocks, local, 1 at once', (tinyLocal / 40) * 1000, 'ms/run')
    row(
      '40 runs of 10 clocks, queue, 1 worker process',
      (tinyQueued / 40) * 1000,
      'ms/run',
      `${(((tinyQueued - tinyLocal) / 40) * 1000).toFixed(0)} ms/run over local`,
    )
    const local: Record<number, number> = {}
    for (const parallel of [1, 2]) {
      local[parallel] = await time(() =>
        runSweep(SWEEP, { parallel, db: null, appVersion: 'bench' }),
      )
      row(`local sweep, ${parallel} at once`, perMinute(local[parallel]), 'runs/min')
    }
    for (const count of [1, 2, 4]) {
      const workers = await startWorkers(redis.url, count, false)
      const seconds = await time(() =>
        runQueuedSweep(SWEEP, { target, db: null, appVersion: 'bench' }),
      )
      await stopWorkers(workers)
      const against = local[Math.min(count, 2)] as number
      row(
        `queue, ${count} worker process${count > 1 ? 'es' : ''}`,
        perMinute(seconds),
        'runs/min',
        `${(((seconds - against) / RUNS) * 1000).toFixed(0)} ms/run over local ${Math.min(count, 2)} at once`,
      )
    }
    const recordedLocal = await time(() =>
      runSweep(SWEEP, { parallel: 2, db: join(temp.dir, 'local.sqlite'), appVersion: 'bench' }),
    )
    row('local sweep, 2 at once, recorded', perMinute(recordedLocal), 'runs/min')
    const workers = await startWorkers(redis.url, 2, true)
    const recorded = await time(() =>
      runQueuedSweep(SWEEP, { target, db: join(temp.dir, 'queued.sqlite'), appVersion: 'bench' }),
    )
    await stopWorkers(workers)
    row(
      'queue, 2 worker processes, recorded (run files back)',
      perMinute(recorded),
      'runs/min',
      `${(((recorded - recordedLocal) / RUNS) * 1000).toFixed(0)} ms/run over local recorded`,
    )
  } finally {
    await redis.stop()
    temp.remove()
  }
}
