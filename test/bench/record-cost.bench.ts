import { readFileSync, statSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { runExperiment } from '../../src/main/experiment/run-experiment'
import { hostFactory } from '../../src/main/host/create-host'
import { Recorder } from '../../src/main/recorder/recorder'
import { tempDir } from '../support/recording'
import { heading, row } from './report'
import type { NetworkConfig } from '../../src/core/config'
import { bitcoinLike } from './scale.bench'
import { threadCpu, threadIds, watchThreads } from './thread-cpu'

/**
 * What recording costs (issue 15: at most twice the unrecorded time): the issue's 1,000-node run
 * (`npm run experiment -- --nodes 1000 --topology random:16 --latency 0 --interval 600 --clocks
 * 60000 --seed 1`), unrecorded and recorded in turn, `BENCH_ROUNDS` times (default 2), so each
 * ratio compares runs a few seconds apart under the same load. The lab's thread's CPU is read
 * apart from the process's: the writer thread's share runs on the other core. Then a recorded
 * run's worst state rebuild (the clock just before a checkpoint), which less frequent
 * checkpoints would make slower. The writer thread's own CPU is that of the busiest thread the
 * recorded run started (watched from another process: thread-cpu.ts).
 */
export async function benchRecordCost(): Promise<void> {
  heading('Recording cost: 1,000 nodes × 60,000 clocks, unrecorded against recorded')
  const rounds = Number(process.env['BENCH_ROUNDS'] ?? 2)
  const temp = tempDir()
  try {
    const config = bitcoinLike(1_000)
    let file = ''
    for (let round = 1; round <= rounds; round++) {
      const plain = await measured(config)
      file = join(temp.dir, `record-cost-${round}.sqlite`)
      const recorded = await measured(config, file)
      const bytes = ['', '-wal'].reduce((sum, end) => sum + sizeOf(file + end), 0)
      const events = recorderEvents(file)
      for (const [what, m] of [
        ['unrecorded', plain],
        ['recorded', recorded],
      ] as const)
        row(
          `round ${round}, ${what}: in-run`,
          m.seconds,
          's',
          `lab thread CPU ${m.mainCpu.toFixed(2)} s, waiting for a core ${m.mainWait.toFixed(2)} s, ${what === 'recorded' ? `writer thread CPU ${m.writerCpu.toFixed(2)} s, ` : ''}process CPU ${m.cpu.toFixed(2)} s, peak ${m.peakRssMiB} MiB, load ${m.load}`,
        )
      row(
        `round ${round}: recorded ÷ unrecorded`,
        recorded.seconds / plain.seconds,
        '× in-run',
        `${(recorded.mainCpu / plain.mainCpu).toFixed(2)} × lab thread CPU; ${(bytes / events).toFixed(1)} B an event (${events.toLocaleString('en')} events, ${(bytes / 1e6).toFixed(1)} MB)`,
      )
    }
    benchRebuild(file)
  } finally {
    temp.remove()
  }
}

interface Measured {
  readonly seconds: number
  readonly cpu: number
  readonly mainCpu: number
  /**
   * Seconds the lab's thread was ready to run but waited for a core (its schedstat): what the
   * other threads (the writer's, V8's helpers) cost it on two cores, beyond its own CPU.
   */
  readonly mainWait: number
  /** The busiest thread started during the run: the writer thread, when recorded. */
  readonly writerCpu: number
  readonly peakRssMiB: number
  readonly load: string
}

async function measured(config: NetworkConfig, file?: string): Promise<Measured> {
  const before = threadIds()
  const threads = watchThreads()
  const cpu = process.cpuUsage()
  const main = mainThreadCpu()
  const wait = mainThreadWait()
  const result = await runExperiment({
    config,
    clocks: 60_000,
    createHost: hostFactory(0),
    ...(file ? { recording: { file, appVersion: 'bench' } } : {}),
  })
  const used = process.cpuUsage(cpu)
  const mainCpu = mainThreadCpu() - main
  const mainWait = mainThreadWait() - wait
  const started = [...(await threads.stop())].filter(([tid]) => !before.has(tid))
  return {
    seconds: result.seconds,
    cpu: (used.user + used.system) / 1e6,
    mainCpu,
    mainWait,
    writerCpu: Math.max(0, ...started.map(([, seconds]) => seconds)),
    peakRssMiB: result.peakRssMiB,
    load: loadavg()
      .map((l) => l.toFixed(1))
      .join(' '),
  }
}

/** The worst rebuilds of the last run: the state at the clock just before each of a few checkpoints. */
function benchRebuild(file: string): void {
  const recorder = Recorder.open(file, { appVersion: 'bench' })
  try {
    const run = recorder.reader.listRuns()[0]
    if (!run) throw new Error('no run was recorded')
    const reader = recorder.reader
    const clocks = [10_000, 30_000, 50_000].map((from) => {
      // The experiment steps 100 clocks at a time: checkpoints stand at multiples of 100.
      const at = reader.checkpointPlaceAtOrBefore(run.id, from)?.clock ?? 0
      let next = from
      while (
        next < run.clocks &&
        (reader.checkpointPlaceAtOrBefore(run.id, next)?.clock ?? 0) === at
      )
        next += 100
      return next - 1
    })
    for (const clock of clocks) {
      const started = performance.now()
      recorder.replayer.freshNetworkAt(run.id, clock)
      row(
        `state rebuilt at clock ${clock} (just before a checkpoint)`,
        performance.now() - started,
        'ms',
      )
    }
  } finally {
    void recorder.close()
  }
}

/** This thread's CPU seconds (the main thread's id is the pid). */
function mainThreadCpu(): number {
  return threadCpu(process.pid).get(String(process.pid)) ?? 0
}

/** Seconds this thread has waited, runnable, for a core (0 where /proc does not say). */
function mainThreadWait(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')
    return Number(fields[1]) / 1e9
  } catch {
    return 0
  }
}

function recorderEvents(file: string): number {
  const recorder = Recorder.open(file, { appVersion: 'bench' })
  try {
    return recorder.reader.listRuns()[0]?.events ?? 0
  } finally {
    void recorder.close()
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}
