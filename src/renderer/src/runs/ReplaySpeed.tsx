/** Replay speeds in clocks per second: each scrubbed clock asks the main side for its state. */
export const REPLAY_SPEEDS = [1, 2, 5, 10, 20, 50] as const

/** The replay's speed, as the live view's: clocks per second. */
export function ReplaySpeed({ speed, onChange }: { speed: number; onChange: (n: number) => void }) {
  return (
    <label>
      speed{' '}
      <select
        value={speed}
        onChange={(e) => onChange(Number(e.target.value))}
        aria-label="replay clocks per second"
      >
        {REPLAY_SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}/s
          </option>
        ))}
      </select>
    </label>
  )
}
