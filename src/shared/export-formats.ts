/** What a run exports as: its events for pandas or a spreadsheet, or the whole run to import. */
export type ExportFormat = 'jsonl' | 'csv' | 'run'

export const EXPORT_FORMATS: Readonly<
  Record<ExportFormat, { readonly type: string; readonly extension: string }>
> = {
  jsonl: { type: 'application/x-ndjson', extension: 'jsonl' },
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  run: { type: 'application/x-chain-lab-run', extension: 'chain-lab-run' },
}

/** The response header of `GET /api/runs/:id/export` that tells the lines to expect. */
export const LINE_COUNT_HEADER = 'X-Line-Count'

/** The file name an export is offered under: the run's name, safe on every system. */
export function exportFileName(runName: string, format: ExportFormat): string {
  const base = runName.replace(/[^\w.-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'run'
  return `${base}.${EXPORT_FORMATS[format].extension}`
}
