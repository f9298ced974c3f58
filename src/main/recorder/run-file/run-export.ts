import type { SequencedEvent } from '../../../core/events'
import type { ExportFormat } from '../../../shared/export-formats'
import type { RecordingDb } from '../open-database'
import type { RunReader } from '../read/run-reader'
import { RunNotFoundError } from '../replay/run-replay'
import { runFileLineCount, runFileLines } from './run-file'

const CSV_COLUMNS = [
  'seq',
  'clock',
  'node',
  'kind',
  'peer',
  'type',
  'subject',
  'status',
  'reason',
  'data',
]

/** A CSV field, quoted when it must be (RFC 4180). */
function csvField(value: unknown): string {
  if (value === undefined || value === null) return ''
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function csvRow(event: SequencedEvent): string {
  const e = event as SequencedEvent & Record<string, unknown>
  const peer = e['peer'] ?? e['to'] ?? e['from']
  return [
    e.seq,
    e.clock,
    e.node,
    e.kind,
    peer,
    e['type'],
    e['subject'],
    e['status'],
    e['reason'],
    JSON.stringify(event),
  ]
    .map(csvField)
    .join(',')
}

/**
 * A run's events as lines for pandas or a spreadsheet: JSON lines, or CSV with the common fields
 * in columns and the whole event as JSON in the last. Pages through the run, so it streams.
 */
export function* eventLines(
  reader: RunReader,
  runId: number,
  format: 'jsonl' | 'csv',
): Generator<string> {
  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\n`
  let cursor: number | undefined
  for (;;) {
    const page = reader.events(runId, { limit: 5_000, cursor })
    let chunk = ''
    for (const event of page.events)
      chunk += `${format === 'csv' ? csvRow(event) : JSON.stringify(event)}\n`
    if (chunk) yield chunk
    if (page.next === null) return
    cursor = page.next
  }
}

/**
 * Lines joined into chunks of about `bytes`: a run file comes a line at a time, and a write (to a
 * socket or a file) per line costs more than the line.
 */
export function* batched(lines: Iterable<string>, bytes = 64 * 1024): Generator<string> {
  let chunk = ''
  for (const line of lines) {
    chunk += line
    if (chunk.length >= bytes) {
      yield chunk
      chunk = ''
    }
  }
  if (chunk) yield chunk
}

/** A run in an export format, in chunks of whole lines (read them in one read transaction). */
export function exportChunks(
  db: RecordingDb,
  reader: RunReader,
  runId: number,
  format: ExportFormat,
): Generator<string> {
  return batched(format === 'run' ? runFileLines(db, runId) : eventLines(reader, runId, format))
}

/** The lines exportChunks yields for the run as it is now: what progress is measured against. */
export function exportLineCount(
  db: RecordingDb,
  reader: RunReader,
  runId: number,
  format: ExportFormat,
): number {
  const run = reader.getRun(runId)
  if (!run) throw new RunNotFoundError(runId)
  if (format === 'run') return runFileLineCount(db, runId)
  return run.events + (format === 'csv' ? 1 : 0)
}
