import {
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Legend,
  Line,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { ExperimentSettings, SweepRow } from '../../../shared/sweep'
import { successCurve, type SuccessPoint } from '../../../shared/double-spend-summary'
import { colorOf } from '../charts/palette'

export type Metric = 'forkRate' | 'staleRate' | 'revenueShare' | 'successRate'

interface Props {
  rows: readonly SweepRow[]
  /** The setting on the x axis; the other varied settings make one series each. */
  x: keyof ExperimentSettings
  series: readonly (keyof ExperimentSettings)[]
  metric: Metric
}

interface Point {
  x: number
  y: number
  /** The 95 % interval's distance below and above y (a Wilson interval is not symmetric). */
  ci: [number, number]
  predicted: number | null
}

function pointOf(r: SweepRow, x: keyof ExperimentSettings, metric: Metric): Point {
  const at = Number(r.settings[x])
  if (metric === 'successRate') {
    const d = r.doubleSpend
    const y = d?.successRate ?? NaN
    return {
      x: at,
      y,
      ci: d ? [y - d.ci95[0], d.ci95[1] - y] : [0, 0],
      predicted: d?.predicted ?? null,
    }
  }
  const half = Number.isFinite(r[metric].ci95) ? r[metric].ci95 : 0
  return {
    x: at,
    y: r[metric].mean,
    ci: [half, half],
    predicted: metric === 'revenueShare' ? r.predictedRevenueShare : r.predictedForkRate,
  }
}

/**
 * A double spend's curves for one series, drawn densely when q or z is on the x axis (the lab
 * rule's exact chance and Nakamoto's); null when the x axis is another setting.
 */
function successCurves(
  group: readonly SweepRow[],
  x: keyof ExperimentSettings,
  data: readonly Point[],
): SuccessPoint[] | null {
  const first = group[0]
  if (!first || data.length === 0) return null
  const from = Math.min(...data.map((d) => d.x))
  const to = Math.max(...data.map((d) => d.x))
  if (x === 'doubleSpendPower') return successCurve('q', first.settings.confirmations, from, to)
  if (x === 'confirmations') return successCurve('z', first.settings.doubleSpendPower, from, to)
  return null
}

/**
 * A sweep's metric against one setting, mean ± 95 % CI across seeds, with the model's curve: the
 * analytic fork rate, Eyal and Sirer's revenue for a selfish miner's share of the blocks, or a
 * double spend's exact chance of success (and Nakamoto's value beside it).
 */
export function SweepChart({ rows, x, series, metric }: Props) {
  const label = (r: SweepRow) => series.map((k) => `${k} ${r.settings[k]}`).join(', ') || 'all'
  const groups = new Map<string, SweepRow[]>()
  for (const r of rows) groups.set(label(r), [...(groups.get(label(r)) ?? []), r])
  return (
    <ResponsiveContainer width="100%" height={320}>
      <ComposedChart margin={{ top: 10, right: 20, bottom: 20, left: 10 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="x"
          type="number"
          name={String(x)}
          label={{ value: String(x), position: 'bottom' }}
          domain={['dataMin', 'dataMax']}
        />
        <YAxis
          tickFormatter={(v: number) => `${(100 * v).toFixed(0)}%`}
          width={48}
          domain={[0, 'auto']}
          allowDataOverflow
        />
        <Tooltip
          formatter={(v) => (typeof v === 'number' ? `${(100 * v).toFixed(2)} %` : String(v))}
        />
        <Legend verticalAlign="top" />
        {[...groups].map(([name, group], i) => {
          const data = group.map((r) => pointOf(r, x, metric)).sort((a, b) => a.x - b.x)
          const curves = metric === 'successRate' ? successCurves(group, x, data) : null
          return [
            <Scatter
              key={`m-${name}`}
              name={`${name} (measured)`}
              data={data}
              dataKey="y"
              fill={colorOf(i)}
              isAnimationActive={false}
            >
              <ErrorBar dataKey="ci" width={6} stroke={colorOf(i)} direction="y" />
            </Scatter>,
            metric !== 'staleRate' && (curves || data.some((d) => d.predicted !== null)) ? (
              <Line
                key={`p-${name}`}
                name={`${name} (predicted)`}
                data={curves ?? data}
                dataKey="predicted"
                stroke={colorOf(i)}
                strokeDasharray="5 4"
                dot={false}
                isAnimationActive={false}
              />
            ) : null,
            curves ? (
              <Line
                key={`n-${name}`}
                name={`${name} (Nakamoto)`}
                data={curves}
                dataKey="nakamoto"
                stroke={colorOf(i)}
                strokeDasharray="1 3"
                strokeOpacity={0.7}
                dot={false}
                isAnimationActive={false}
              />
            ) : null,
          ]
        })}
      </ComposedChart>
    </ResponsiveContainer>
  )
}
