import { useState } from 'react'
import type { ExportFormat } from '../../../shared/export-formats'
import type { RunSummary } from '../../../shared/run-types'
import { Pager, usePage } from '../table/Pager'

/** Runs per page: a lab used for months holds hundreds. */
export const RUNS_PAGE = 25

interface Props {
  runs: readonly RunSummary[]
  /** An export is under way: one at a time. */
  exporting?: boolean
  onExport: (run: RunSummary, format: ExportFormat) => void
  onOpen: (run: RunSummary) => void
  onDelete: (run: RunSummary) => void
  onRename: (run: RunSummary, changes: { name?: string; notes?: string }) => void
}

/** Every saved run with its status, size and notes. */
export function RunsList({ runs, exporting = false, onExport, onOpen, onDelete, onRename }: Props) {
  const [confirming, setConfirming] = useState<number | null>(null)
  const page = usePage(runs, RUNS_PAGE)
  if (runs.length === 0)
    return (
      <p className="empty">
        No runs yet. Start the network in the Live tab: every run is recorded.
      </p>
    )
  return (
    <>
      <table className="runs">
        <thead>
          <tr>
            <th>run</th>
            <th>name</th>
            <th>status</th>
            <th className="num">clocks</th>
            <th className="num">nodes</th>
            <th className="num">blocks</th>
            <th className="num">events</th>
            <th>created</th>
            <th>notes</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {page.rows.map((run) => (
            <tr key={run.id} data-run={run.id}>
              <td>{run.id}</td>
              <td>
                <input
                  aria-label={`name of run ${run.id}`}
                  defaultValue={run.name}
                  onBlur={(e) =>
                    e.target.value !== run.name && onRename(run, { name: e.target.value })
                  }
                />
              </td>
              <td>
                <span className={`badge run-${run.status}`}>{run.status}</span>
                {run.parentRunId && (
                  <span className="hint">
                    {' '}
                    branch of {run.parentRunId}@{run.branchClock}
                  </span>
                )}
              </td>
              <td className="num">{run.clocks}</td>
              <td className="num">{run.nodes}</td>
              <td className="num">{run.blocks}</td>
              <td className="num">{run.events}</td>
              <td>{run.created.slice(0, 16).replace('T', ' ')}</td>
              <td>
                <input
                  aria-label={`notes of run ${run.id}`}
                  defaultValue={run.notes}
                  placeholder="notes"
                  onBlur={(e) =>
                    e.target.value !== run.notes && onRename(run, { notes: e.target.value })
                  }
                />
              </td>
              <td className="actions">
                <button onClick={() => onOpen(run)}>Open</button>
                <button
                  onClick={() => onExport(run, 'run')}
                  disabled={exporting}
                  title="One self-contained file to open elsewhere"
                >
                  Export
                </button>
                <button onClick={() => onExport(run, 'csv')} disabled={exporting}>
                  CSV
                </button>
                <button onClick={() => onExport(run, 'jsonl')} disabled={exporting}>
                  JSONL
                </button>
                {confirming === run.id ? (
                  <>
                    <button className="danger" onClick={() => onDelete(run)}>
                      Delete run {run.id}
                    </button>
                    <button onClick={() => setConfirming(null)}>Keep</button>
                  </>
                ) : (
                  <button onClick={() => setConfirming(run.id)} disabled={run.status === 'live'}>
                    Delete…
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager label="runs" total={runs.length} {...page} />
    </>
  )
}
