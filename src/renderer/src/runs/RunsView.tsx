import { useCallback, useEffect, useState } from 'react'
import type { LabClient } from '../../../shared/lab-bridge'
import type { RunSummary } from '../../../shared/run-types'
import { ReplayView } from './ReplayView'
import { RunsList } from './RunsList'

/** Saved runs: the list, and one run opened for replay. */
export function RunsView({ client, onBranched }: { client: LabClient; onBranched: () => void }) {
  const [runs, setRuns] = useState<RunSummary[] | null>(null)
  const [open, setOpen] = useState<RunSummary | null>(null)
  const [error, setError] = useState<string | null>(null)
  const reload = useCallback(() => {
    client
      .listRuns({})
      .then(setRuns, (e: unknown) => setError(e instanceof Error ? e.message : String(e)))
  }, [client])
  useEffect(reload, [reload])
  if (open)
    return (
      <ReplayView
        client={client}
        run={open}
        onBranched={onBranched}
        onClose={() => setOpen(null)}
      />
    )
  return (
    <section className="card">
      <h3>Saved runs</h3>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {runs && (
        <RunsList
          runs={runs}
          canExport={!window.chainLab}
          onOpen={setOpen}
          onDelete={(run) =>
            client.deleteRun({ id: run.id }).then(reload, (e: unknown) => setError(String(e)))
          }
          onRename={(run, changes) =>
            client
              .updateRun({ id: run.id, ...changes })
              .then(reload, (e: unknown) => setError(String(e)))
          }
        />
      )}
    </section>
  )
}
