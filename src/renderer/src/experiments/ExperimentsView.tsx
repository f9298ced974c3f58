import { useState } from 'react'
import { sweepCsv, type ExperimentSettings, type SweepRow } from '../../../shared/sweep'
import { Term } from '../help/Term'
import { useNotify } from '../notices/notices'
import { saveBlob } from '../runs/save-blob'
import { SweepChart, type Metric } from './SweepChart'
import { SweepForm } from './SweepForm'
import { useSweepSession, type SweepSession } from './sweep-session'
import { DocLink } from '../help/DocLink'
import './experiments.css'

/** Sweeps: settings × seeds run in worker threads, charted against the analytic model. */
export function ExperimentsView({ session }: { session: SweepSession }) {
  const { text, error, progress, rows, running, queue, workers } = useSweepSession(session)
  const setText = (t: string) => session.setText(t)
  const run = () => session.run()
  const notify = useNotify()
  const [metric, setMetric] = useState<Metric>('forkRate')

  const varied = (() => {
    try {
      return Object.keys(
        (JSON.parse(text) as { vary?: object }).vary ?? {},
      ) as (keyof ExperimentSettings)[]
    } catch {
      return []
    }
  })()
  // A selfish miner's columns only when some setting had one.
  const selfish = rows?.some((r) => r.predictedRevenueShare !== null) ?? false
  // A double spend's runs are attempts, not clocked runs: its success is the one metric they have.
  const doubleSpend = rows?.some((r) => r.doubleSpend !== null) ?? false
  // A double spend's run is attempts, not clocks: the chain's columns only when some row ran some.
  const clocked = rows?.some((r) => r.doubleSpend === null) ?? true
  const shown: Metric = doubleSpend ? 'successRate' : metric === 'successRate' ? 'forkRate' : metric
  return (
    <div className="experiments">
      <section className="card">
        <h3>Sweep</h3>
        <p className="hint">
          Every combination of the varied settings runs with every seed, in worker threads; each
          experiment is recorded as a run. The same file runs headless: npm run experiment --
          --sweep FILE.
        </p>
        <DocLink doc="experiments" section="sweeps">
          what a sweep runs and reports
        </DocLink>
        <SweepForm text={text} onChange={setText} />
        <details className="raw-json">
          <summary>Raw JSON (the same sweep; also runs headless)</summary>
          <textarea
            aria-label="sweep"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={10}
            spellCheck={false}
          />
        </details>
        <label className="queue">
          queue{' '}
          <input
            value={queue}
            onChange={(e) => session.setQueue(e.target.value)}
            placeholder="empty: this machine; redis://HOST:6379 for sweep-worker processes"
            title="A Redis URL: the runs go on a BullMQ queue that `npm run sweep-worker -- --queue URL` takes them from, on any machine"
            disabled={running}
            spellCheck={false}
          />
        </label>
        <div className="row">
          <button className="primary" onClick={() => void run()} disabled={running}>
            Run sweep
          </button>
          {running && <button onClick={() => void session.cancel()}>Cancel</button>}
          {running && progress && (
            <span className="hint">
              {progress.done}/{progress.total || '…'} experiments · {progress.seconds.toFixed(0)} s
            </span>
          )}
        </div>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <RunsByWorker workers={workers} />
      </section>
      {rows && (
        <section className="card">
          <div className="row">
            <h3>Results</h3>
            <button
              onClick={() => {
                // The same CSV as `npm run experiment -- --sweep FILE --csv OUT`.
                saveBlob(new Blob([sweepCsv(rows)], { type: 'text/csv' }), 'sweep.csv')
                notify(`Saved the ${rows.length} rows as sweep.csv`)
              }}
            >
              Download CSV
            </button>
            <select
              aria-label="metric"
              value={shown}
              onChange={(e) => setMetric(e.target.value as Metric)}
            >
              <option value="forkRate" disabled={doubleSpend}>
                fork rate
              </option>
              <option value="staleRate" disabled={doubleSpend}>
                stale rate
              </option>
              <option value="revenueShare" disabled={doubleSpend}>
                selfish miner’s revenue
              </option>
              <option value="successRate" disabled={!doubleSpend}>
                double spend’s success
              </option>
            </select>
          </div>
          {varied[0] && (
            <SweepChart rows={rows} x={varied[0]} series={varied.slice(1)} metric={shown} />
          )}
          <table className="runs">
            <thead>
              <tr>
                {varied.map((k) => (
                  <th key={k}>{k}</th>
                ))}
                <th className="num">
                  <Term term="seeds" />
                </th>
                {clocked && (
                  <>
                    <th className="num">
                      <Term term="stale rate" />
                    </th>
                    <th className="num">
                      <Term term="fork rate" />
                    </th>
                    <th className="num">
                      <Term term="predicted" />
                    </th>
                    <th className="num">
                      <Term term="block to 90 %" />
                    </th>
                  </>
                )}
                {selfish && <th className="num">selfish revenue</th>}
                {selfish && <th className="num">Eyal–Sirer R</th>}
                {doubleSpend && <th className="num">double spends succeeded (95 %)</th>}
                {doubleSpend && <th className="num">predicted (lab rule)</th>}
                {doubleSpend && <th className="num">Nakamoto</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  {varied.map((k) => (
                    <td key={k}>{String(r.settings[k])}</td>
                  ))}
                  <td className="num">{r.seeds}</td>
                  {clocked && <ClockedCells row={r} />}
                  {selfish && (
                    <td className="num">
                      {r.predictedRevenueShare === null ? '—' : pct(r.revenueShare)}
                    </td>
                  )}
                  {selfish && (
                    <td className="num">
                      {r.predictedRevenueShare === null
                        ? '—'
                        : `${(100 * r.predictedRevenueShare).toFixed(2)} %`}
                    </td>
                  )}
                  {doubleSpend && <DoubleSpendCells row={r} />}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  )
}

function pct(e: { mean: number; ci95: number }): string {
  // NaN (no such metric for the row) arrives as null through the browser's JSON transport.
  if (!Number.isFinite(e.mean)) return '—'
  return `${(100 * e.mean).toFixed(2)} ± ${!Number.isFinite(e.ci95) ? '?' : (100 * e.ci95).toFixed(2)} %`
}

/** A clocked experiment's row: how its chain forked, against the model, and how blocks spread. */
function ClockedCells({ row }: { row: SweepRow }) {
  return (
    <>
      <td className="num">{pct(row.staleRate)}</td>
      <td className="num">{pct(row.forkRate)}</td>
      <td className="num">
        {row.predictedForkRate === null ? '—' : `${(100 * row.predictedForkRate).toFixed(2)} %`}
      </td>
      <td className="num">
        {!Number.isFinite(row.blockTo90.mean) ? '—' : `${row.blockTo90.mean.toFixed(1)} clocks`}
      </td>
    </>
  )
}

/** A double spend's row: its attempts' success with the Wilson interval, and the theory's. */
function DoubleSpendCells({ row }: { row: SweepRow }) {
  const d = row.doubleSpend
  const p = (x: number) => `${(100 * x).toFixed(2)} %`
  if (!d)
    return (
      <>
        <td className="num">—</td>
        <td className="num">—</td>
        <td className="num">—</td>
      </>
    )
  return (
    <>
      <td className="num">
        {p(d.successRate)} ({p(d.ci95[0])} – {p(d.ci95[1])}) of {d.trials}
      </td>
      <td className="num">{p(d.predicted)}</td>
      <td className="num">{p(d.nakamoto)}</td>
    </>
  )
}

/** Through a queue: which worker ran which run (numbered from 1, in the sweep's order). */
function RunsByWorker({ workers }: { workers: Readonly<Record<number, string>> }) {
  const byWorker = new Map<string, number[]>()
  for (const [index, worker] of Object.entries(workers))
    byWorker.set(worker, [...(byWorker.get(worker) ?? []), Number(index) + 1])
  if (byWorker.size === 0) return null
  return (
    <table className="runs-by-worker" aria-label="Runs by worker">
      <thead>
        <tr>
          <th>worker</th>
          <th>runs</th>
        </tr>
      </thead>
      <tbody>
        {[...byWorker].map(([worker, runs]) => (
          <tr key={worker}>
            <td>{worker}</td>
            <td>{runs.sort((a, b) => a - b).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
