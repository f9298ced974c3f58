/** Asks before a reset: it ends the run being recorded (kept in Runs) and begins a new one. */
export function ResetConfirm({ onReset, onCancel }: { onReset: () => void; onCancel: () => void }) {
  return (
    <div className="notice" role="alertdialog" aria-label="Reset the network?">
      <span>
        <strong>Reset every node to genesis?</strong> The current run ends (it stays in Runs, to
        replay) and a new run begins at clock 0. Links stay cut or up as they are; the seed stays
        too, so automatic mining and transfers repeat as they began.
      </span>
      <button className="danger" onClick={onReset} autoFocus>
        Reset
      </button>
      <button onClick={onCancel}>Cancel</button>
    </div>
  )
}
