import type { SequencedEvent } from '../../core/events'
import type { RunReader } from './run-reader'

export type ExportFormat = 'jsonl' | 'csv' | 'run'

export const EXPORT_TYPES: Readonly<Record<ExportFormat, { type: string; extension: string }>> = {
  jsonl: { type: 'application/x-ndjson', extension: 'jsonl' },
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  run: { type: 'application/x-chain-lab-run', extension: 'chain-lab-run' },
}

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
