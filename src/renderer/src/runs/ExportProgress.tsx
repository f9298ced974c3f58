import type { ExportUnderWay } from './use-run-export'

/** The export under way: how far it got, and the way to stop it. */
export function ExportProgress({
  underWay,
  onCancel,
}: {
  underWay: ExportUnderWay
  onCancel: () => void
}) {
  const { runId, format, done, total } = underWay
  const percent = total ? Math.min(100, Math.floor((100 * done) / total)) : null
  return (
    <div className="row export-progress" role="group" aria-label="export under way">
      <span>
        Exporting run {runId} as {format.toUpperCase()}…
      </span>
      <progress
        aria-label={`export of run ${runId}`}
        max={total ?? undefined}
        value={total === null ? undefined : Math.min(done, total)}
      />
      <span className="hint" data-testid="export-progress">
        {percent === null ? '' : `${percent}% · `}
        {done.toLocaleString()}
        {total === null ? '' : ` / ${total.toLocaleString()}`} lines
      </span>
      <button onClick={onCancel}>Cancel export</button>
    </div>
  )
}
