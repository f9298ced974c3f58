/** Prints a bench figure as one aligned row; benches print figures, they never assert on time. */
export function row(what: string, value: number, unit: string, note = ''): void {
  const figure = value >= 100 ? Math.round(value).toLocaleString('en') : value.toFixed(2)
  console.log(`${what.padEnd(58)} ${figure.padStart(12)} ${unit.padEnd(12)} ${note}`)
}

export function heading(title: string): void {
  console.log(`\n## ${title}`)
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number
}
