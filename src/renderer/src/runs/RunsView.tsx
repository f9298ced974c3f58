import { useCallback, useEffect, useRef, useState } from 'react'
import type { LabClient } from '../../../shared/lab-bridge'
import type { RunSummary } from '../../../shared/run-types'
import { useNotify } from '../notices/notices'
import { ExportProgress } from './ExportProgress'
import { ReplayView } from './ReplayView'
import { RunsList } from './RunsList'
import { useRunExport } from './use-run-export'
import { uploadRunFile } from './upload-run-file'
import { DocLink } from '../help/DocLink'
import './runs.css'

interface Props {
  client: LabClient
  onBranched: () => void
  /** In the desktop app the main side opens and saves files itself, with the system's dialogs. */
  desktop?: boolean
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** Saved runs: the list, and one run opened for replay. */
export function RunsView({ client, onBranched, desktop = Boolean(window.chainLab) }: Props) {
  const [runs, setRuns] = useState<RunSummary[] | null>(null)
  const [open, setOpen] = useState<RunSummary | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [importing, setImporting] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const exports = useRunExport(client, desktop)
  const notify = useNotify()
  const reload = useCallback(() => {
    client
      .listRuns({})
      .then(setRuns, (e: unknown) => setError(e instanceof Error ? e.message : String(e)))
  }, [client])
  useEffect(reload, [reload])
  const picker = useRef<HTMLInputElement>(null)

  const importWith = useCallback(
    async (work: () => Promise<RunSummary | null>) => {
      setError(null)
      setNotice(null)
      setImporting(true)
      try {
        const run = await work()
        if (run) {
          setNotice(`Imported as run ${run.id}`)
          reload()
        }
      } catch (e) {
        setError(message(e))
      } finally {
        setImporting(false)
      }
    },
    [reload],
  )
  // The desktop's main side asks for the file and reads it itself; a browser uploads it.
  const openRunFile = useCallback(() => {
    if (desktop) void importWith(() => client.openRunFile({}))
    else picker.current?.click()
  }, [client, desktop, importWith])
  // File > Open in the desktop app.
  useEffect(
    () => client.subscribe('menu', (item) => item === 'open-run' && openRunFile()),
    [client, openRunFile],
  )

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
        <DocLink doc="recording" section="replaying-verifying-branching">
          replaying, verifying, branching
        </DocLink>
        <DocLink doc="recording" section="exports-and-the-run-file">
          exports and run files
        </DocLink>
        <button onClick={openRunFile} disabled={importing}>
          {importing ? 'Importing…' : 'Open run file…'}
        </button>
        <input
          ref={picker}
          type="file"
          accept=".chain-lab-run"
          hidden
          aria-label="run file"
          onChange={(e) => {
            const file = e.target.files?.[0]
            if (file) void importWith(() => uploadRunFile(file))
            e.target.value = ''
          }}
        />
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {notice && (
        <p role="status" className="hint">
          {notice}
        </p>
      )}
      {exports.underWay && <ExportProgress underWay={exports.underWay} onCancel={exports.cancel} />}
      {exports.outcome && (
        <p
          role={exports.outcome.kind === 'failed' ? 'alert' : 'status'}
          className={exports.outcome.kind === 'failed' ? 'error' : 'hint'}
        >
          {exports.outcome.text}
        </p>
      )}
      {runs && (
        <RunsList
          runs={runs}
          exporting={exports.underWay !== null}
          onExport={exports.start}
          onOpen={setOpen}
          onDelete={(run) =>
            client.deleteRun({ id: run.id }).then(
              () => {
                notify(`Deleted run ${run.id}`)
                reload()
              },
              (e: unknown) => setError(String(e)),
            )
          }
          onRename={(run, changes) =>
            client.updateRun({ id: run.id, ...changes }).then(
              () => {
                notify(`Saved run ${run.id}'s ${changes.name === undefined ? 'notes' : 'name'}`)
                reload()
              },
              (e: unknown) => setError(String(e)),
            )
          }
        />
      )}
    </section>
  )
}
