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
import { colorOf } from '../charts/palette'

type Metric = 'forkRate' | 'staleRate' | 'revenueShare'

interface Props {
  rows: readonly SweepRow[]
  /** The setting on the x axis; the other varied settings make one series each. */
  x: keyof ExperimentSettings
  series: readonly (keyof ExperimentSettings)[]
  metric: Metric
}

/**
 * A sweep's metric against one setting, mean ± 95 % CI across seeds, with the model's curve: the
 * analytic fork rate, or Eyal and Sirer's revenue for a selfish miner's share of the blocks.
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
          const data = group
            .map((r) => ({
              x: Number(r.settings[x]),
              y: r[metric].mean,
              ci: Number.isNaN(r[metric].ci95) ? 0 : r[metric].ci95,
              predicted: metric === 'revenueShare' ? r.predictedRevenueShare : r.predictedForkRate,
            }))
            .sort((a, b) => a.x - b.x)
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
            metric !== 'staleRate' && data.some((d) => d.predicted !== null) ? (
              <Line
                key={`p-${name}`}
                name={`${name} (predicted)`}
                data={data}
                dataKey="predicted"
                stroke={colorOf(i)}
                strokeDasharray="5 4"
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
