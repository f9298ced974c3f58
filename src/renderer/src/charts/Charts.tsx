import type { ReactNode } from 'react'
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { ClockRow, StatusSpan } from '../store/series'
import { MESSAGE_TYPES } from '../store/series'
import { colorOf } from './palette'
import { StatusTimeline } from './StatusTimeline'

interface Props {
  nodes: readonly string[]
  rows: readonly ClockRow[]
  spans: readonly StatusSpan[]
  balances: readonly Record<string, number>[]
  accounts: readonly string[]
  from: number
  to: number
  cursor?: number
}

/** At most this many node series in a line chart; beyond it lines are unreadable anyway. */
const MAX_LINES = 8

function ChartCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-body">{children}</div>
    </figure>
  )
}

/** Every chart, against the clock, of the window from..to. */
export function Charts({ nodes, rows, spans, balances, accounts, from, to, cursor }: Props) {
  const lines = nodes.slice(0, MAX_LINES)
  const flat = rows.map((r) => ({
    clock: r.clock,
    ...Object.fromEntries(lines.map((n) => [`h:${n}`, r.heights[n] ?? 0])),
    ...Object.fromEntries(lines.map((n) => [`p:${n}`, r.pools[n] ?? 0])),
    ...r.messages,
    forks: r.forks,
    reorgs: r.reorgs,
    depth: r.reorgDepth,
  }))
  const marker =
    cursor !== undefined ? (
      <ReferenceLine x={cursor} className="cursor" stroke="currentColor" />
    ) : null
  // The grid, axes and tooltip every chart shares, as an array of children: recharts looks at
  // its children's types, so they cannot hide inside a component of ours.
  const frame = (legend: boolean) => [
    <CartesianGrid key="grid" strokeDasharray="3 3" />,
    <XAxis key="x" dataKey="clock" type="number" domain={[from, to]} allowDecimals={false} />,
    <YAxis key="y" allowDecimals={false} width={44} />,
    <Tooltip key="tooltip" />,
    ...(legend ? [<Legend key="legend" />] : []),
  ]
  const noAnimation = { isAnimationActive: false, dot: false } as const
  // A plain function, not a component: recharts reads its direct children's types.
  const nodeLines = (title: string, prefix: 'h' | 'p') => (
    <ChartCard title={title}>
      <ResponsiveContainer width="100%" height={170}>
        <LineChart data={flat}>
          {frame(false)}
          {lines.map((n, i) => (
            <Line
              key={n}
              type="stepAfter"
              dataKey={`${prefix}:${n}`}
              name={n}
              stroke={colorOf(i)}
              {...noAnimation}
            />
          ))}
          {marker}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  )
  return (
    <div className="charts">
      {nodeLines('Chain height per node', 'h')}
      {nodeLines('Pool size per node', 'p')}
      <ChartCard title="Status timeline">
        <StatusTimeline
          nodes={nodes}
          spans={spans}
          from={from}
          to={to}
          {...(cursor !== undefined ? { cursor } : {})}
        />
      </ChartCard>
      <ChartCard title="Messages per clock by type">
        <ResponsiveContainer width="100%" height={170}>
          <BarChart data={flat}>
            {frame(true)}
            {MESSAGE_TYPES.map((type, i) => (
              <Bar
                key={type}
                dataKey={type}
                stackId="m"
                fill={colorOf(i)}
                isAnimationActive={false}
              />
            ))}
            {marker}
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard title="Balances per account (selected node)">
        <ResponsiveContainer width="100%" height={170}>
          <LineChart data={[...balances]}>
            {frame(true)}
            {accounts.map((a, i) => (
              <Line key={a} type="stepAfter" dataKey={a} stroke={colorOf(i)} {...noAnimation} />
            ))}
            {marker}
          </LineChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard title="Forks and reorganisations">
        <ResponsiveContainer width="100%" height={170}>
          <BarChart data={flat}>
            {frame(true)}
            <Bar
              dataKey="forks"
              name="blocks off the main chain"
              fill={colorOf(1)}
              isAnimationActive={false}
            />
            <Bar
              dataKey="reorgs"
              name="reorganisations"
              fill={colorOf(7)}
              isAnimationActive={false}
            />
            <Bar dataKey="depth" name="deepest reorg" fill={colorOf(4)} isAnimationActive={false} />
            {marker}
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
    </div>
  )
}
