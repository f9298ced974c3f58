import type { ExperimentSettings, SweepRow } from '../../../shared/sweep'

const SETTINGS: (keyof ExperimentSettings)[] = [
  'nodes',
  'topology',
  'latency',
  'latencySpread',
  'interval',
  'txRate',
  'accounts',
  'clocks',
  'difficulty',
]

const cell = (value: string | number | null): string => {
  const text = value === null || Number.isNaN(value) ? '' : String(value)
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** A sweep's results as CSV, one row per setting: every setting, then each metric's mean and 95 % interval. */
export function sweepCsv(rows: readonly SweepRow[]): string {
  const head = [
    ...SETTINGS,
    'seeds',
    'stale_rate',
    'stale_rate_ci95',
    'fork_rate',
    'fork_rate_ci95',
    'predicted_fork_rate',
    'block_to_90_clocks',
    'block_to_90_ci95',
    'throughput',
    'throughput_ci95',
  ]
  const lines = rows.map((r) =>
    [
      ...SETTINGS.map((k) => r.settings[k]),
      r.seeds,
      r.staleRate.mean,
      r.staleRate.ci95,
      r.forkRate.mean,
      r.forkRate.ci95,
      r.predictedForkRate,
      r.blockTo90.mean,
      r.blockTo90.ci95,
      r.throughput.mean,
      r.throughput.ci95,
    ]
      .map(cell)
      .join(','),
  )
  return [head.join(','), ...lines].join('\n') + '\n'
}
