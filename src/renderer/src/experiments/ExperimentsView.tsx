import { Term } from '../help/Term'
import { useEffect, useState } from 'react'
import type { LabClient } from '../../../shared/lab-bridge'
import { sweepSchema, type ExperimentSettings, type SweepRow } from '../../../shared/sweep'
import { SweepChart } from './SweepChart'

const EXAMPLE = {
  name: 'Fork rate against latency and block interval (10-node mesh)',
  base: { nodes: 10, topology: 'mesh', clocks: 10000, difficulty: 1 },
  vary: { latency: [0, 2, 4, 8], interval: [30, 60] },
  seeds: [1, 2, 3],
}

/** Sweeps: settings × seeds run in worker threads, charted against the analytic model. */
export function ExperimentsView({ client }: { client: LabClient }) {
  const [text, setText] = useState(JSON.stringify(EXAMPLE, null, 2))
  const [error, setError] = useState<string | null>(null)
  const [progress, setProgress] = useState<{ done: number; total: number; seconds: number } | null>(
    null,
  )
  const [rows, setRows] = useState<SweepRow[] | null>(null)
  const [running, setRunning] = useState(false)
  const [metric, setMetric] = useState<'forkRate' | 'staleRate'>('forkRate')
  useEffect(() => client.subscribe('sweep-progress', setProgress), [client])

  const run = async () => {
    setError(null)
    let sweep
    try {
      const parsed = sweepSchema.safeParse(JSON.parse(text))
      if (!parsed.success)
        throw new Error(
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        )
      sweep = parsed.data
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      return
    }
    setRunning(true)
    setProgress({ done: 0, total: 0, seconds: 0 })
    try {
      setRows((await client.runSweep({ sweep })).rows)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setRunning(false)
    }
  }

  const varied = (() => {
    try {
      return Object.keys(
        (JSON.parse(text) as { vary?: object }).vary ?? {},
      ) as (keyof ExperimentSettings)[]
    } catch {
      return []
    }
  })()
  return (
    <div className="experiments">
      <section className="card">
        <h3>Sweep</h3>
        <p className="hint">
          Every combination of the varied settings runs with every seed, in worker threads; each
          experiment is recorded as a run. The same file runs headless: npm run experiment --
          --sweep FILE.
        </p>
        <textarea
          aria-label="sweep"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={10}
          spellCheck={false}
        />
        <div className="row">
          <button className="primary" onClick={() => void run()} disabled={running}>
            Run sweep
          </button>
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
      </section>
      {rows && (
        <section className="card">
          <div className="row">
            <h3>Results</h3>
            <select
              aria-label="metric"
              value={metric}
              onChange={(e) => setMetric(e.target.value as typeof metric)}
            >
              <option value="forkRate">fork rate</option>
              <option value="staleRate">stale rate</option>
            </select>
          </div>
          {varied[0] && (
            <SweepChart rows={rows} x={varied[0]} series={varied.slice(1)} metric={metric} />
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
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  {varied.map((k) => (
                    <td key={k}>{String(r.settings[k])}</td>
                  ))}
                  <td className="num">{r.seeds}</td>
                  <td className="num">{pct(r.staleRate)}</td>
                  <td className="num">{pct(r.forkRate)}</td>
                  <td className="num">
                    {r.predictedForkRate === null
                      ? '—'
                      : `${(100 * r.predictedForkRate).toFixed(2)} %`}
                  </td>
                  <td className="num">{r.blockTo90.mean.toFixed(1)} clocks</td>
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
  return `${(100 * e.mean).toFixed(2)} ± ${Number.isNaN(e.ci95) ? '?' : (100 * e.ci95).toFixed(2)} %`
}
