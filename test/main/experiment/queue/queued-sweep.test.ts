import { spawn } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Queue } from 'bullmq'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseQueueUrl } from '../../../../src/main/experiment/queue/queue-url'
import { startQueueWorker } from '../../../../src/main/experiment/queue/queue-worker'
import {
  runQueuedSweep,
  type QueuedSweepProgress,
} from '../../../../src/main/experiment/queue/run-queued-sweep'
import { QUEUE_NAME } from '../../../../src/main/experiment/queue/sweep-jobs'
import type { ExperimentResult } from '../../../../src/main/experiment/run-experiment'
import { runSweep } from '../../../../src/main/experiment/run-sweep'
import { Recorder } from '../../../../src/main/recorder/recorder'
import { sweepCsv, type Sweep } from '../../../../src/shared/sweep'
import { freePort } from '../../../support/free-port'
import { until } from '../../../support/lab-process'
import {
  spawnSweepWorker,
  sweepWorkerReady,
  withOutput,
  type SweepWorkerProcess,
} from '../../../support/sweep-worker-process'
import { tempDir } from '../../../support/recording'
import { REDIS_MISSING, requireRedisOnCi, startRedis } from '../../../support/redis-server'

const binary = requireRedisOnCi()
if (!binary) console.warn(`skipped: ${REDIS_MISSING}`)

/** The queue's password: it must never show in anything printed. */
const PASSWORD = 'not-for-print-7f3a'

const sweep: Sweep = {
  name: 'through the queue',
  base: { nodes: 6, topology: 'mesh', clocks: 3_000, difficulty: 1 },
  vary: { latency: [0, 4] },
  seeds: [1, 2],
}

/** Everything measured, without the wall-clock figures that vary run to run. */
function measured(results: readonly ExperimentResult[]): string {
  return JSON.stringify(
    results.map(({ seconds: _s, clocksPerSecond: _c, peakRssMiB: _m, runId: _r, ...rest }) => rest),
  )
}

/** `npm run sweep-worker` as a child process, with a lock short enough for a test. */
function spawnWorker(url: string, args: string[] = [], env: Record<string, string> = {}) {
  return spawnSweepWorker(url, ['--lock-seconds', '2', ...args], env)
}

type Spawned = SweepWorkerProcess
const ready = sweepWorkerReady

async function stop(worker: Spawned): Promise<void> {
  if (worker.child.exitCode === null && worker.child.signalCode === null)
    worker.child.kill('SIGKILL')
  await worker.exited
}

describe.skipIf(!binary)('a sweep through a Redis queue', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>
  let local: ExperimentResult[]
  let localCsv: string

  beforeAll(async () => {
    redis = await startRedis(binary as string, { password: PASSWORD })
    const { results, rows } = await runSweep(sweep, { parallel: 2, db: null, appVersion: 'test' })
    // A sweep without a double spend: every run is a clocked experiment.
    local = results as ExperimentResult[]
    localCsv = sweepCsv(rows)
  }, 120_000)

  afterAll(async () => {
    await redis?.stop()
  })

  it('runs across two worker processes with the same metrics, byte for byte, as the local sweep; the recorded runs come back and verify', async () => {
    const temp = tempDir()
    const workers = [
      spawnWorker(redis.url, ['--record']),
      // The password from the environment, off the command line.
      spawnWorker(`redis://127.0.0.1:${redis.port}`, ['--record'], {
        CHAIN_LAB_QUEUE_PASSWORD: PASSWORD,
      }),
    ]
    try {
      const names = await Promise.all(workers.map(ready))
      const db = join(temp.dir, 'sweep.sqlite')
      const seen: QueuedSweepProgress[] = []
      const {
        results,
        rows,
        workers: ranBy,
      } = await runQueuedSweep(sweep, {
        target: parseQueueUrl(redis.url),
        db,
        appVersion: 'test',
        onProgress: (p) => seen.push(p),
      })
      expect(measured(results as ExperimentResult[])).toBe(measured(local))
      expect(sweepCsv(rows)).toBe(localCsv)
      expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4])
      expect(new Set(ranBy)).toEqual(new Set(names))
      const recorder = Recorder.open(db, { appVersion: 'test' })
      try {
        expect(recorder.reader.listRuns()).toHaveLength(4)
        for (const result of results)
          expect(await recorder.replayer.verify(result.runId as number)).toMatchObject({
            identical: true,
          })
      } finally {
        await recorder.close()
      }
      for (const worker of workers) expect(worker.output()).not.toContain(PASSWORD)
    } finally {
      await Promise.all(workers.map(stop))
      temp.remove()
    }
  }, 180_000)

  it('finishes when a worker is killed mid-run: the run goes to the other worker, counted once', async () => {
    const [doomed, survivor] = [spawnWorker(redis.url), spawnWorker(redis.url)]
    try {
      const [, survivorName] = await Promise.all([ready(doomed), ready(survivor)])
      const seen: number[] = []
      const sweeping = runQueuedSweep(
        { ...sweep, base: { ...sweep.base, clocks: 6_000 } },
        {
          target: parseQueueUrl(redis.url),
          db: null,
          appVersion: 'test',
          onProgress: (p) => seen.push(p.index),
        },
      )
      await until(() => doomed.output().includes('running '), 60_000)
      const killed = /running (\S+)/.exec(doomed.output())?.[1] as string
      doomed.child.kill('SIGKILL')
      const { results, workers } = await sweeping
      expect(doomed.output()).not.toContain(`finished ${killed}`)
      const index = Number(killed.split('-').pop())
      expect(workers[index]).toBe(survivorName)
      expect(seen.sort()).toEqual([0, 1, 2, 3])
      expect((results as ExperimentResult[]).every((r) => r.clocks === 6_000)).toBe(true)
    } finally {
      await Promise.all([stop(doomed), stop(survivor)])
    }
  }, 180_000)

  it('is cancelled by Ctrl+C on the submitter: waiting runs removed, the running one stopped, within seconds', async () => {
    const temp = tempDir()
    const worker = spawnWorker(redis.url)
    const queue = new Queue(QUEUE_NAME, { connection: parseQueueUrl(redis.url).connection })
    try {
      await ready(worker)
      const file = join(temp.dir, 'long.json')
      // Runs far longer than the test: only a cancel ends them in time.
      writeFileSync(file, JSON.stringify({ ...sweep, base: { ...sweep.base, clocks: 10_000_000 } }))
      const queued = withOutput(
        spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            'src/main/headless/experiment-cli.ts',
            '--sweep',
            file,
            '--queue',
            `redis://127.0.0.1:${redis.port}`,
          ],
          {
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, CHAIN_LAB_QUEUE_PASSWORD: PASSWORD },
          },
        ),
      )
      await until(() => worker.output().includes('running '), 60_000)
      const counts = await queue.getJobCounts('waiting', 'active')
      expect(counts).toEqual({ waiting: 3, active: 1 })
      const sent = performance.now()
      queued.child.kill('SIGINT')
      expect(await queued.exited).toBe(130)
      expect(performance.now() - sent).toBeLessThan(10_000)
      expect(queued.output()).toContain('the sweep was cancelled')
      expect(queued.output()).not.toContain(PASSWORD)
      expect(worker.output()).toMatch(/cancelled \S+/)
      expect(await queue.getJobCounts('waiting', 'active', 'delayed')).toEqual({
        waiting: 0,
        active: 0,
        delayed: 0,
      })
    } finally {
      await queue.close()
      await stop(worker)
      temp.remove()
    }
  }, 180_000)

  it('refuses a malformed job, or one of a kind the lab does not define, without running it', async () => {
    const lines: string[] = []
    const worker = await startQueueWorker({
      target: parseQueueUrl(redis.url),
      concurrency: 1,
      record: false,
      appVersion: 'test',
      log: (line) => lines.push(line),
    })
    const queue = new Queue(QUEUE_NAME, { connection: parseQueueUrl(redis.url).connection })
    try {
      const settings = {
        nodes: 6,
        topology: 'mesh',
        latency: 0,
        latencySpread: 0,
        interval: 20,
        txRate: 0,
        accounts: 20,
        clocks: 100,
        difficulty: 1,
      }
      const data = { sweep: 'bad', index: 0, settings, seed: 1, record: false }
      const bad = [
        ['shell', { cmd: 'rm -rf /' }],
        ['experiment', { ...data, settings: { ...settings, nodes: 'all' } }],
        ['experiment', { ...data, settings: { ...settings, nodes: 1_000_000 } }],
        ['experiment', { ...data, settings: { ...settings, script: 'process.exit()' } }],
        ['experiment', { ...data, settings: { nodes: 6 } }],
        ['experiment', { ...data, code: 'process.exit()' }],
      ] as const
      const jobs = await Promise.all(bad.map(([name, d]) => queue.add(name, d, { attempts: 3 })))
      await until(() => lines.filter((l) => l.startsWith('refused ')).length === bad.length, 30_000)
      for (const job of jobs) {
        const state = await queue.getJobState(job.id as string)
        expect(state).toBe('failed')
        const failed = await queue.getJob(job.id as string)
        expect(failed?.failedReason).toMatch(/^refused: /)
        // Refused once, not retried: the reason will not change.
        expect(failed?.attemptsMade).toBe(1)
      }
      expect((await queue.getJob(jobs[0]!.id as string))?.failedReason).toBe(
        'refused: "shell" is not a kind of run of the lab',
      )
      expect((await queue.getJob(jobs[4]!.id as string))?.failedReason).toContain(
        'missing topology',
      )
      // Well formed, but of a sweep nobody follows (its submitter died): refused, not run.
      const orphan = await queue.add('experiment', data)
      await until(() => lines.some((l) => l.startsWith(`failed ${orphan.id}`)), 30_000)
      expect((await queue.getJob(orphan.id as string))?.failedReason).toMatch(/submitter is gone/)
      expect(lines.some((l) => l.startsWith('running '))).toBe(false)
    } finally {
      await queue.obliterate({ force: true })
      await queue.close()
      await worker.close()
    }
  }, 60_000)

  it('names the unreachable queue within seconds, without its password, and writes nothing', async () => {
    const temp = tempDir()
    try {
      const port = await freePort()
      const db = join(temp.dir, 'never.sqlite')
      const started = performance.now()
      const error = await runQueuedSweep(sweep, {
        target: parseQueueUrl(`redis://:${PASSWORD}@127.0.0.1:${port}`),
        db,
        appVersion: 'test',
      }).catch((e: unknown) => e as Error)
      expect(performance.now() - started).toBeLessThan(5_000)
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).message).toContain(
        `cannot reach the queue at redis://127.0.0.1:${port}`,
      )
      expect((error as Error).message).not.toContain(PASSWORD)
      expect(existsSync(db)).toBe(false)
    } finally {
      temp.remove()
    }
  })
})
