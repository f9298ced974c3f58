import type { ServerResponse } from 'node:http'
import { once } from 'node:events'
import { RecordingOffError } from '../../lab/run-handlers'
import type { Recorder } from '../../recorder/recorder'
import { EXPORT_TYPES, type ExportFormat } from '../../recorder/run-export'
import { HttpError } from '../http-error'

function isFormat(value: string): value is ExportFormat {
  return value in EXPORT_TYPES
}

/** Streams a run's export, waiting for the socket to drain so a big run never sits in memory. */
export async function exportRun(
  recorder: Recorder | null,
  id: number,
  format: string | null,
  res: ServerResponse,
): Promise<void> {
  if (!recorder) throw new RecordingOffError()
  const chosen = format ?? 'jsonl'
  if (!isFormat(chosen))
    throw new HttpError('invalid-parameter', `format must be jsonl, csv or run, not "${chosen}"`)
  await recorder.sync()
  const lines = recorder.exportLines(id, chosen)
  const { type, extension } = EXPORT_TYPES[chosen]
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Disposition': `attachment; filename="run-${id}.${extension}"`,
  })
  for (const chunk of lines) {
    if (res.destroyed) return
    // A client that goes away never drains: wait for whichever comes first.
    if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')])
  }
  if (!res.destroyed) res.end()
}
