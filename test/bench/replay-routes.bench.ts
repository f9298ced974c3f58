import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openDatabase } from '../../src/main/recorder/open-database'
import { Recorder } from '../../src/main/recorder/recorder'
import { RunReplayer } from '../../src/main/recorder/replay/run-replay'
import { runFileLines, TABLES, type TableName } from '../../src/main/recorder/run-file/run-file'
import { runs } from '../../src/main/recorder/schema'
import { RunSeriesCache } from '../../src/main/recorder/series/run-series-cache'
import { migrationsUpTo } from '../support/migrations'
import { heading, percentile } from './report'

/**
 * Issue 15: every replay route as fast as before events went into chunks, or faster. One
 * recorded experiment, read in three forms, route by route, the forms taking turns sample by
 * sample (so the machine's load falls on all three alike):
 *
 * - **rows**: a row an event (`events`, as recorded before 0005), in a file made with the 0004
 *   schema and migrated, its chart chunks copied (recorded after 0003, a run had them);
 * - **chunks**: event chunks alone (0005; session 5);
 * - **chunks + node rows**: event chunks and the node's own rows (0006; now).
 *
 *   ROUTES_NODES=300 ROUTES_CLOCKS=12000 [ROUTES_DIR=/tmp/routes] npm run bench -- replay-routes
 *
 * The run is recorded once by `npm run experiment` into ROUTES_DIR (kept when given, so a later
 * run reuses it; a temporary folder otherwise).
 */
export async function benchReplayRoutes(): Promise<void> {
  const nodes = Number(process.env['ROUTES_NODES'] ?? 300)
  const clocks = Number(process.env['ROUTES_CLOCKS'] ?? 12_000)
  const kept = process.env['ROUTES_DIR']
  const dir = kept ?? join(tmpdir(), `chain-lab-routes-${process.pid}`)
  mkdirSync(dir, { recursive: true })
  const base = join(dir, `routes-${nodes}-${clocks}`)
  const files = {
    rows: `${base}-rows.sqlite`,
    chunks: `${base}-chunks.sqlite`,
    now: `${base}.sqlite`,
  }
  try {
    heading(`Replay routes: ${nodes} nodes, ${clocks.toLocaleString('en')} clocks, three forms`)
    if (!existsSync(files.now)) record(files.now, nodes, clocks)
    if (!existsSync(files.chunks)) withoutNodeRows(files.now, files.chunks)
    if (!existsSync(files.rows)) asRows(files.now, files.rows, dir)
    const forms = Object.entries(files).map(([name, file]) => {
      const recorder = Recorder.open(file, { appVersion: 'bench' })
      const db = openDatabase(file, { migrationsFolder: '', readonly: true })
      const run = recorder.reader.listRuns()[0]
      if (!run) throw new Error(`no run in ${file}`)
      return { name, recorder, db, run }
    })
    const [first] = forms
    if (!first) return
    const { run } = first
    const names = first.recorder.reader.config(run.id)?.config.nodes ?? []
    console.log(
      `${run.events.toLocaleString('en')} events, ${run.blocks} blocks; ` +
        forms.map((f) => `${f.name} ${fileMiB(f.db)} MiB`).join(', '),
    )
    const random = seeded(1)
    const pick = (n: number) => Math.floor(random() * n)
    type Form = (typeof forms)[number]
    const routes: [string, number, (form: Form, i: number) => unknown | Promise<unknown>][] = [
      [
        'state at a clock (fresh replayer)',
        12,
        (f, i) => new RunReplayer(f.recorder.reader).stateAt(f.run.id, clockAt(i)),
      ],
      [
        'events page of 500, a 50-clock window',
        60,
        (f, i) =>
          f.recorder.reader.events(f.run.id, { from: clockAt(i), to: clockAt(i) + 50, limit: 500 }),
      ],
      [
        "events page of 500, one node's, from a cursor",
        60,
        (f, i) =>
          f.recorder.reader.events(f.run.id, {
            node: names[nodeAt(i)],
            cursor: seqAt(i),
            limit: 500,
          }),
      ],
      [
        "one clock's message.sent (the replay's messages)",
        60,
        (f, i) =>
          f.recorder.reader.events(f.run.id, {
            from: clockAt(i),
            to: clockAt(i),
            kind: 'message.sent',
            limit: 10_000,
          }),
      ],
      [
        'series, whole run in 400 buckets (fresh cache)',
        4,
        (f) =>
          new RunSeriesCache(f.recorder.reader, f.recorder.replayer).series(f.run, {
            buckets: 400,
          }),
      ],
      ['verify', 3, (f) => f.recorder.replayer.verify(f.run.id)],
      [
        'export (the run file, every line)',
        3,
        (f) => {
          let bytes = 0
          for (const line of runFileLines(f.db, f.run.id)) bytes += line.length
          return bytes
        },
      ],
    ]
    // The same random places for every form.
    const places = Array.from({ length: 60 }, () => ({
      clock: pick(Math.max(1, run.clocks - 50)),
      node: pick(Math.max(1, names.length)),
      seq: pick(run.events),
    }))
    const clockAt = (i: number) => places[i % places.length]!.clock
    const nodeAt = (i: number) => places[i % places.length]!.node
    const seqAt = (i: number) => places[i % places.length]!.seq
    console.log(
      `${'route'.padEnd(50)} ${forms.map((f) => `${f.name} p50 / p90 ms`.padStart(26)).join('')}`,
    )
    for (const [what, samples, call] of routes) {
      const times = forms.map(() => [] as number[])
      for (let i = 0; i < samples; i++)
        for (const [k, form] of forms.entries()) {
          const started = performance.now()
          await call(form, i)
          times[k]!.push(performance.now() - started)
        }
      const cells = times.map((t) => {
        const sorted = [...t].sort((a, b) => a - b)
        return `${fmt(percentile(sorted, 50))} / ${fmt(percentile(sorted, 90))}`.padStart(26)
      })
      console.log(`${what.padEnd(50)} ${cells.join('')}`)
    }
    for (const form of forms) {
      form.db.$client.close()
      await form.recorder.close()
    }
  } finally {
    if (!kept) rmSync(dir, { recursive: true, force: true })
  }
}

function fmt(ms: number): string {
  return ms >= 100 ? Math.round(ms).toLocaleString('en') : ms.toFixed(1)
}

function fileMiB(db: ReturnType<typeof openDatabase>): string {
  const { n } = db.$client
    .prepare<[], { n: number }>(
      'SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()',
    )
    .get()!
  return (n / 2 ** 20).toFixed(1)
}

/** The issue's experiment, recorded (about 38 events a node a block). */
function record(file: string, nodes: number, clocks: number): void {
  const args = ['tsx', 'src/main/headless/experiment-cli.ts', '--nodes', String(nodes)]
  args.push('--topology', 'random:16', '--latency', '0', '--interval', '600')
  args.push('--clocks', String(clocks), '--seed', '1', '--db', file)
  const done = spawnSync('npx', args, { stdio: ['ignore', 'ignore', 'inherit'] })
  if (done.status !== 0) throw new Error(`recording the run failed (${done.status})`)
}

/** A copy of the run as session 5 stored it: event chunks, no node rows. */
function withoutNodeRows(from: string, to: string): void {
  const db = new Database(from)
  db.prepare('VACUUM INTO ?').run(to)
  db.close()
  const copy = new Database(to)
  copy.exec('DELETE FROM node_event_chunks; DELETE FROM node_event_marks; VACUUM')
  copy.close()
}

/** A copy of the run as recorded before 0005: a row an event, its chart chunks kept. */
function asRows(from: string, to: string, dir: string): void {
  const source = openDatabase(from, { migrationsFolder: '', readonly: true })
  const db = openDatabase(to, { migrationsFolder: migrationsUpTo(dir, 5) })
  const lines = runFileLines(source, 1)
  const header = JSON.parse(lines.next().value as string) as { run: typeof runs.$inferInsert }
  const runId = db.insert(runs).values(header.run).returning({ id: runs.id }).get().id
  let batch: { t: TableName; rows: object[] } | null = null
  const flush = () => {
    if (batch)
      db.insert(TABLES[batch.t])
        .values(batch.rows as never)
        .run()
    batch = null
  }
  db.transaction(() => {
    for (const line of lines) {
      const { t, ...row } = JSON.parse(line) as { t: string }
      if (t === 'end') break
      if (batch && (batch.t !== t || batch.rows.length >= 100)) flush()
      batch ??= { t: t as TableName, rows: [] }
      batch.rows.push({ ...row, runId })
    }
    flush()
    const chart = source.$client
      .prepare('SELECT first_seq, last_seq, events FROM chart_chunks WHERE run_id = 1')
      .all() as { first_seq: number; last_seq: number; events: string }[]
    const insert = db.$client.prepare(
      'INSERT INTO chart_chunks (run_id, first_seq, last_seq, events) VALUES (?, ?, ?, ?)',
    )
    for (const c of chart) insert.run(runId, c.first_seq, c.last_seq, c.events)
  })
  db.$client.close()
  source.$client.close()
}

/** A small seeded generator: the same places every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}
