import type { ServerResponse } from 'node:http'
import { once } from 'node:events'
import {
  EXPORT_FORMATS,
  LINE_COUNT_HEADER,
  type ExportFormat,
} from '../../../shared/export-formats'
import { RecordingOffError } from '../../handlers/run-handlers'
import type { Recorder } from '../../recorder/recorder'

/** What an export needs of the recorder. */
export type RunExporter = Pick<Recorder, 'sync' | 'jobs'>
import { LabError } from '../../../shared/errors'

function isFormat(value: string): value is ExportFormat {
  return Object.hasOwn(EXPORT_FORMATS, value)
}

/** Waits for whichever comes first, and stops listening for the other. */
async function drainOrClose(res: ServerResponse): Promise<void> {
  const settled = new AbortController()
  const { signal } = settled
  try {
    await Promise.race([once(res, 'drain', { signal }), once(res, 'close', { signal })])
  } finally {
    settled.abort()
  }
}

/**
 * Streams a run's export, waiting for the socket to drain so a big run never sits in memory. The
 * lines to expect travel as a header, so a client can show its progress; a client that goes
 * away stops the export.
 */
export async function exportRun(
  recorder: RunExporter | null,
  id: number,
  format: string | null,
  res: ServerResponse,
): Promise<void> {
  if (!recorder) throw new RecordingOffError()
  const chosen = format ?? 'jsonl'
  if (!isFormat(chosen))
    throw new LabError('invalid-parameter', `format must be jsonl, csv or run, not "${chosen}"`)
  await recorder.sync()
  // Read in a thread of its own; a client that goes away stops it.
  const gone = new AbortController()
  const stop = () => gone.abort()
  res.once('close', stop)
  const stream = await recorder.jobs.openExport(id, chosen, gone.signal)
  try {
    const { type, extension } = EXPORT_FORMATS[chosen]
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Disposition': `attachment; filename="run-${id}.${extension}"`,
      [LINE_COUNT_HEADER]: String(stream.lines),
    })
    for await (const chunk of stream.chunks) {
      if (res.destroyed) return
      // A client that goes away never drains.
      if (!res.write(chunk)) await drainOrClose(res)
    }
    if (!res.destroyed) res.end()
  } finally {
    res.off('close', stop)
    await stream.close()
  }
}
