/** The run's simulated wall time: block timestamps come from it, never from the real clock. */
export const DEFAULT_EPOCH = '2026/11/24 10:00:00'

const TIMESTAMP = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/

/** Parses `%Y/%m/%d %H:%M:%S` (UTC) into milliseconds, or null when the text is not in that form. */
export function parseTimestamp(text: string): number | null {
  const match = TIMESTAMP.exec(text)
  if (!match) return null
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = match.slice(1).map(Number)
  const ms = Date.UTC(y, mo - 1, d, h, mi, s)
  return Number.isNaN(ms) ? null : ms
}

/** The timestamp of a clock: one clock is one simulated second after the run's epoch. */
export function timestampAt(epochMs: number, clock: number): string {
  const date = new Date(epochMs + clock * 1000)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return (
    `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  )
}
