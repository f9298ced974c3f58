import {
  EXPORT_FORMATS,
  LINE_COUNT_HEADER,
  type ExportFormat,
} from '../../../shared/export-formats'
import { fromErrorData } from '../../../shared/errors'

export interface DownloadProgress {
  /** Lines received so far. */
  readonly done: number
  /** Lines the lab announced; null when it did not say. */
  readonly total: number | null
}

/** At most this many progress reports, plus the last: each one re-renders the view. */
const REPORTS = 100

function newlines(bytes: Uint8Array): number {
  let count = 0
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) count++
  return count
}

/**
 * Downloads a run's export in a browser from the lab API's streaming route, reporting the lines
 * received against the count the lab announced. Aborting `signal` cancels it: the connection
 * closes and the lab stops reading the run. The answer arrives in pieces, none of them the
 * whole file (a string that big would not fit), and becomes a Blob, which Chromium keeps on
 * disk past a size.
 */
export async function downloadExport(
  id: number,
  format: ExportFormat,
  options: {
    readonly signal?: AbortSignal
    readonly onProgress?: (progress: DownloadProgress) => void
    readonly baseUrl?: string
  } = {},
): Promise<Blob> {
  const { signal, onProgress, baseUrl = '' } = options
  const response = await fetch(`${baseUrl}/api/runs/${id}/export?format=${format}`, {
    ...(signal ? { signal } : {}),
  })
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => ({}))) as {
      error?: { code?: unknown; message?: unknown }
    }
    throw fromErrorData(body.error ?? { message: response.statusText })
  }
  const announced = Number(response.headers.get(LINE_COUNT_HEADER) ?? Number.NaN)
  const total = Number.isInteger(announced) && announced >= 0 ? announced : null
  const reader = response.body.getReader()
  const parts: Uint8Array<ArrayBuffer>[] = []
  let lines = 0
  let reported = -1
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    parts.push(value)
    lines += newlines(value)
    // A live run grows meanwhile: never more than all of it before the end.
    const shown = total === null ? lines : Math.min(lines, total)
    const step = total === null || total === 0 ? lines : Math.floor((shown * REPORTS) / total)
    if (step > reported) {
      reported = step
      onProgress?.({ done: shown, total })
    }
  }
  onProgress?.({ done: lines, total: total === null ? null : Math.max(lines, total) })
  return new Blob(parts, { type: EXPORT_FORMATS[format].type })
}
