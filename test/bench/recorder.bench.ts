import { statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Command } from '../../src/core/commands'
import { createConfig } from '../../src/core/config'
import { createRandom } from '../../src/core/random'
import { InProcessHost } from '../../src/main/host/in-process-host'
import { hostFactory } from '../../src/main/host/create-host'
import { LabService, type CommandRecord, type HostFactory } from '../../src/main/lab/lab-service'
import { openDatabase } from '../../src/main/recorder/open-database'
import { Recorder, sourceMigrationsFolder } from '../../src/main/recorder/recorder'
import { RunWriter } from '../../src/main/recorder/write/run-writer'
import { RunSeriesCache } from '../../src/main/recorder/series/run-series-cache'
import type { RunSummary } from '../../src/shared/run-types'
import { tempDir } from '../support/recording'
import { heading, percentile, row } from './report'
import { steadyWorkload } from './workload'

const config = createConfig({ nodes: 3, difficulty: 6 })

async function runService(
  commands: Iterable<Command>,
  recorder: Recorder | null,
  createHost: HostFactory = async (c) => new InProcessHost(c),
) {
  // The recorder checkpoints on its own schedule (every 100 clocks).
  const service = await LabService.create(config, { createHost })
  const records: CommandRecord[] = []
  if (recorder) recorder.attach(service)
  else service.onCommand((r) => void records.push(r))
  const started = performance.now()
  for (const command of commands) await service.execute(command, 'scenario')
  await recorder?.sync()
  const seconds = (performance.now() - started) / 1000
  await service.close()
  return { seconds, records }
}

/** Recorder throughput next to raw prepared inserts of the same rows, and its cost to the engine. */
export async function benchRecorder(): Promise<void> {
  heading('Recorder: writing')
  const clocks = 40_000
  const temp = tempDir()
  try {
    const plain = await runService(steadyWorkload(config.nodes, clocks, 20), null)
    const events = plain.records.flatMap((r) => r.events)

    // The bare platform: the same event rows through one raw prepared statement.
    const rawDb = openDatabase(join(temp.dir, 'raw.sqlite'), {
      migrationsFolder: sourceMigrationsFolder(),
    })
    rawDb.$client
      .prepare(
        `INSERT INTO runs (name, created_at, status, config, dialect, app_version) VALUES ('raw', 'now', 'live', '{}', 'readme', 'x')`,
      )
      .run()
    const insert = rawDb.$client.prepare(
      'INSERT INTO events (run_id, seq, clock, node, kind, data) VALUES (?, ?, ?, ?, ?, ?)',
    )
    let started = performance.now()
    const batch = rawDb.$client.transaction((rows: typeof events) => {
      for (const e of rows) insert.run(1, e.seq, e.clock, e.node, e.kind, JSON.stringify(e))
    })
    for (let i = 0; i < events.length; i += 10_000) batch(events.slice(i, i + 10_000))
    const rawRate = events.length / ((performance.now() - started) / 1000)
    rawDb.$client.close()

    // The recorder writing the very same command records (events, commands, blocks, checkpoints).
    const writerDb = openDatabase(join(temp.dir, 'writer.sqlite'), {
      migrationsFolder: sourceMigrationsFolder(),
    })
    const writer = new RunWriter(writerDb, { appVersion: 'bench', maxBuffered: 10_000 })
    writer.startRun({ config, dialect: 'readme' })
    started = performance.now()
    for (const record of plain.records) writer.record(record)
    writer.flush()
    const writerRate = events.length / ((performance.now() - started) / 1000)
    writer.finishRun()
    writerDb.$client.close()

    row(
      'raw better-sqlite3 prepared insert, same event rows',
      rawRate,
      'events/s',
      `${events.length.toLocaleString('en')} events`,
    )
    row('RunWriter (Drizzle prepared; also commands, blocks, txs)', writerRate, 'events/s')
    row('ratio recorder / raw', writerRate / rawRate, '×')

    const recorder = Recorder.open(join(temp.dir, 'live.sqlite'), { appVersion: 'bench' })
    const recorded = await runService(steadyWorkload(config.nodes, clocks, 20), recorder)
    await recorder.close()
    row(
      'engine + service, not recording',
      clocks / plain.seconds,
      'clocks/s',
      `${clocks.toLocaleString('en')} clocks, 3 nodes`,
    )
    row('engine + service, recording', clocks / recorded.seconds, 'clocks/s')
    row('slowdown from recording', recorded.seconds / plain.seconds, '×')

    // The lab's default: the nodes in a worker thread, a round trip a command.
    const workerClocks = 10_000
    const inWorker = hostFactory(1)
    const workerPlain = await runService(
      steadyWorkload(config.nodes, workerClocks, 20),
      null,
      inWorker,
    )
    const workerRecorder = Recorder.open(join(temp.dir, 'worker.sqlite'), { appVersion: 'bench' })
    const workerRecorded = await runService(
      steadyWorkload(config.nodes, workerClocks, 20),
      workerRecorder,
      inWorker,
    )
    await workerRecorder.close()
    row(
      'nodes in a worker, not recording',
      workerClocks / workerPlain.seconds,
      'clocks/s',
      `${workerClocks.toLocaleString('en')} clocks`,
    )
    row('nodes in a worker, recording', workerClocks / workerRecorded.seconds, 'clocks/s')
    row('slowdown from recording (worker)', workerRecorded.seconds / workerPlain.seconds, '×')
  } finally {
    temp.remove()
  }
}

/** Reading a run of about a million events: state at random clocks, event pages, file size. */
export async function benchLargeRun(): Promise<void> {
  heading('Recorder: reading a run of ~1,000,000 events')
  const temp = tempDir()
  const file = join(temp.dir, 'big.sqlite')
  try {
    const recorder = Recorder.open(file, { appVersion: 'bench' })
    const service = await LabService.create(config, {
      createHost: async (c) => new InProcessHost(c),
    })
    recorder.attach(service)
    const runId = recorder.writer.runId as number
    let clocks = 0
    const started = performance.now()
    for (const command of steadyWorkload(config.nodes, 1_000_000, 20)) {
      await service.execute(command, 'scenario')
      if (command.type === 'step' && ++clocks % 1_000 === 0) {
        await recorder.sync()
        if ((recorder.reader.getRun(runId)?.events ?? 0) >= 1_000_000) break
      }
    }
    await recorder.sync()
    const recordSeconds = (performance.now() - started) / 1000
    const run = recorder.reader.getRun(runId)!
    row(
      'recorded',
      run.events,
      'events',
      `${run.clocks.toLocaleString('en')} clocks in ${recordSeconds.toFixed(1)} s`,
    )

    const random = createRandom(5)
    const stateMs: number[] = []
    for (let i = 0; i < 60; i++) {
      const clock = random.int(run.clocks)
      const t0 = performance.now()
      recorder.replayer.stateAt(runId, clock)
      stateMs.push(performance.now() - t0)
    }
    stateMs.sort((a, b) => a - b)
    row('state at a random clock, p50', percentile(stateMs, 50), 'ms')
    row('state at a random clock, p95', percentile(stateMs, 95), 'ms')

    const pageMs: number[] = []
    for (let i = 0; i < 200; i++) {
      const from = random.int(run.clocks)
      const t0 = performance.now()
      recorder.reader.events(runId, { from, to: from + 50, limit: 500 })
      pageMs.push(performance.now() - t0)
    }
    const nodeMs: number[] = []
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now()
      recorder.reader.events(runId, {
        node: `node${1 + random.int(3)}`,
        cursor: random.int(run.events),
        limit: 500,
      })
      nodeMs.push(performance.now() - t0)
    }
    pageMs.sort((a, b) => a - b)
    nodeMs.sort((a, b) => a - b)
    row('events page (500, a clock window), p95', percentile(pageMs, 95), 'ms')
    row("events page (500, one node's, from a cursor), p95", percentile(nodeMs, 95), 'ms')
    await benchSeries(recorder, run, file)

    const t0 = performance.now()
    const verdict = await recorder.replayer.verify(runId)
    row(
      'verify (re-execute and compare every event)',
      (performance.now() - t0) / 1000,
      's',
      verdict.identical ? 'identical' : 'DIVERGED',
    )
    await recorder.close()
    await service.close()
    const bytes = statSync(file).size
    row(
      'file size',
      bytes / 1024 / 1024,
      'MiB',
      `${(bytes / run.events).toFixed(0)} bytes per event`,
    )
  } finally {
    temp.remove()
  }
}

/**
 * The whole run in buckets, as the replay opens it: read once (from the chart chunks, or from the
 * events for a run recorded without them), then from the digest kept in memory.
 */
async function benchSeries(recorder: Recorder, run: RunSummary, file: string): Promise<void> {
  const time = async (what: string, read: () => Promise<unknown>, note = '') => {
    const t0 = performance.now()
    await read()
    row(what, performance.now() - t0, 'ms', note)
  }
  const buckets = 400
  const whole = () => recorder.series.series(run, { buckets })
  await time(`whole run in ${buckets} buckets, first (chart chunks)`, whole)
  await time(`whole run in ${buckets} buckets, again (digest in memory)`, whole)
  await time('a tenth of the run in 400 buckets', () =>
    recorder.series.series(run, { from: run.clocks / 2, to: run.clocks * 0.6, buckets }),
  )
  // As a run recorded before chart chunks, or imported: the events themselves.
  const db = new Database(file)
  db.prepare('DELETE FROM chart_chunks WHERE run_id = ?').run(run.id)
  db.close()
  const fresh = new RunSeriesCache(recorder.reader, recorder.replayer)
  await time(`whole run in ${buckets} buckets, first (from the events)`, () =>
    fresh.series(run, { buckets }),
  )
}
