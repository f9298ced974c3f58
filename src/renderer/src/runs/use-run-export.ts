import { useCallback, useEffect, useRef, useState } from 'react'
import { exportFileName, type ExportFormat } from '../../../shared/export-formats'
import type { LabClient } from '../../../shared/lab-bridge'
import type { RunSummary } from '../../../shared/run-types'
import { downloadExport } from './download-export'
import { saveBlob } from './save-blob'

/** The export under way: lines written (or received) so far against the lines expected. */
export interface ExportUnderWay {
  readonly runId: number
  readonly format: ExportFormat
  readonly done: number
  readonly total: number | null
}

/** How the last export ended. */
export type ExportOutcome =
  | { readonly kind: 'saved'; readonly text: string }
  | { readonly kind: 'cancelled'; readonly text: string }
  | { readonly kind: 'failed'; readonly text: string }

const isCancel = (e: unknown) =>
  (e instanceof Error && e.name === 'AbortError') ||
  (typeof e === 'object' && e !== null && 'code' in e && e.code === 'cancelled')

/**
 * One export at a time, with its progress and a cancel. In the desktop app the main side asks
 * where to save and writes the file, reporting export-progress events; in a browser the export
 * streams from the lab API and is counted as it arrives.
 */
export function useRunExport(client: LabClient, desktop: boolean) {
  const [underWay, setUnderWay] = useState<ExportUnderWay | null>(null)
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null)
  const download = useRef<AbortController | null>(null)
  const runId = underWay?.runId

  useEffect(() => {
    if (!desktop || runId === undefined) return
    return client.subscribe('export-progress', (p) => {
      if (p.runId === runId)
        setUnderWay((u) => (u?.format === p.format ? { ...u, done: p.done, total: p.total } : u))
    })
  }, [client, desktop, runId])

  const start = useCallback(
    (run: RunSummary, format: ExportFormat) => {
      setOutcome(null)
      setUnderWay({ runId: run.id, format, done: 0, total: null })
      const saved = async (): Promise<string | null> => {
        if (desktop) {
          const { path, lines } = await client.saveRunExport({ id: run.id, format })
          return path === null ? null : `Saved ${lines.toLocaleString()} lines to ${path}`
        }
        const controller = new AbortController()
        download.current = controller
        const blob = await downloadExport(run.id, format, {
          signal: controller.signal,
          onProgress: ({ done, total }) => setUnderWay((u) => u && { ...u, done, total }),
        })
        saveBlob(blob, exportFileName(run.name, format))
        return `Downloaded run ${run.id} as ${format.toUpperCase()}`
      }
      saved()
        .then(
          (text) => text !== null && setOutcome({ kind: 'saved', text }),
          (e: unknown) =>
            setOutcome(
              isCancel(e)
                ? { kind: 'cancelled', text: 'Export cancelled' }
                : { kind: 'failed', text: e instanceof Error ? e.message : String(e) },
            ),
        )
        .finally(() => {
          download.current = null
          setUnderWay(null)
        })
    },
    [client, desktop],
  )

  const cancel = useCallback(() => {
    if (runId === undefined) return
    if (desktop) void client.cancelExport({ id: runId })
    else download.current?.abort()
  }, [client, desktop, runId])

  return { underWay, outcome, start, cancel }
}
