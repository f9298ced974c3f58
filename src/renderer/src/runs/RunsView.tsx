import { useCallback, useEffect, useRef, useState } from 'react'
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
  const picker = useRef<HTMLInputElement>(null)
  // File > Open in the desktop app asks this view to pick a run file.
  useEffect(
    () => client.subscribe('menu', (item) => item === 'open-run' && picker.current?.click()),
    [client],
  )

  const importFile = async (file: File) => {
    setError(null)
    try {
      if (window.chainLab) await client.importRun({ text: await file.text() })
      else {
        // In a browser the file goes up as it is: run files are far larger than a JSON request.
        const response = await fetch('/api/runs/import', { method: 'POST', body: file })
        if (!response.ok) {
          const body = (await response.json()) as { error?: { message: string } }
          throw new Error(body.error?.message ?? response.statusText)
        }
      }
      reload()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }

  const exportRun = async (run: RunSummary, format: 'run' | 'csv' | 'jsonl') => {
    const file = await client.exportRun({ id: run.id, format })
    const url = URL.createObjectURL(new Blob([file.text], { type: file.type }))
    const link = document.createElement('a')
    link.href = url
    link.download = file.name
    link.click()
    URL.revokeObjectURL(url)
  }

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
      <div className="row">
        <h3>Saved runs</h3>
        <button onClick={() => picker.current?.click()}>Open run file…</button>
        <input
          ref={picker}
          type="file"
          accept=".chain-lab-run"
          hidden
          aria-label="run file"
          onChange={(e) => {
            const file = e.target.files?.[0]
            if (file) void importFile(file)
            e.target.value = ''
          }}
        />
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {runs && (
        <RunsList
          runs={runs}
          onExport={(run, format) =>
            void exportRun(run, format).catch((e: unknown) => setError(String(e)))
          }
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
