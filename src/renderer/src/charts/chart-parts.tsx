import type { ReactNode } from 'react'
import {
  Bar,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { ClockRow, NetworkSummary } from '../store/series'
import { MESSAGE_TYPES } from '../store/series'
import { colorOf } from './palette'

/** The parts the charts are built of: their rows' columns, shared axes, series and lines. */

/** The summary of a row that has none (a saved run's bucketed overview): from its nodes. */
function summaryOf(row: ClockRow & { summary?: NetworkSummary }): NetworkSummary {
  if (row.summary) return row.summary
  const heights = Object.values(row.heights)
  return {
    lowestHeight: heights.length ? Math.min(...heights) : 0,
    highestHeight: heights.length ? Math.max(...heights) : 0,
    totalPool: Object.values(row.pools).reduce((a, b) => a + b, 0),
  }
}

/**
 * Beyond this many rows, bars are drawn as one stepped line per series (a stack's as running
 * totals): recharts makes a component of every bar, and 600 rows of stacked bars took over a
 * second to draw, for bars narrower than a pixel. Lines, not areas: recharts drew six stacked
 * areas of 200 clocks two to three times slower than six lines.
 */
export const MAX_BARS = 150

interface BarSeries {
  readonly key: string
  readonly name?: string
  readonly color: string
}

export type Row = ClockRow & { summary?: NetworkSummary }
/** A chart's row: the clock and a column per series. */
export type FlatRow = { clock: number } & Record<string, number>

/** The columns the charts read, of one row: a line's node's values, a stack's running totals. */
export function flatten(r: Row, lines: readonly string[], many: boolean, nodes: number): FlatRow {
  const flat: FlatRow = { clock: r.clock }
  for (const n of lines) flat[`h:${n}`] = r.heights[n] ?? 0
  for (const n of lines) flat[`p:${n}`] = r.pools[n] ?? 0
  if (many) Object.assign(flat, summaryColumns(summaryOf(r), nodes))
  let total = 0
  for (const type of MESSAGE_TYPES) {
    // Every type, 0 where none went: a stack with a hole would break there.
    const sent = r.messages[type] ?? 0
    flat[type] = sent
    total += sent
    flat[`sum:${type}`] = total
  }
  flat['forks'] = r.forks
  flat['reorgs'] = r.reorgs
  flat['depth'] = r.reorgDepth
  return flat
}

/**
 * `flatten` of each row, kept with the row in `kept` (a map per set of columns): the live
 * window keeps its rows from frame to frame (SeriesWindow), so a frame flattens its new clocks,
 * not all 200.
 */
export function flattenKept(
  rows: readonly Row[],
  lines: readonly string[],
  many: boolean,
  nodes: number,
  kept: WeakMap<Row, FlatRow>,
): FlatRow[] {
  return rows.map((r) => {
    let flat = kept.get(r)
    if (!flat) kept.set(r, (flat = flatten(r, lines, many, nodes)))
    return flat
  })
}

// The grid, axes and tooltip every chart shares, as an array of children: recharts looks at
// its children's types, so they cannot hide inside a component of ours.
// `fit`: the y axis spans the values, not zero to the largest, for values that barely move.
// `interval={0}`: every tick of the axis's few (five) is shown. Recharts' default measures each
// tick's label in the page to drop those that would overlap, a forced layout at every redraw
// (a quarter of a live chart's redraw, as the window slides to new labels); five short numbers
// never overlap. `tick`: the label as plain SVG text, for the same reason (see tickLabel).
export function frame(from: number, to: number, fit = false) {
  return [
    <CartesianGrid key="grid" strokeDasharray="3 3" />,
    <XAxis
      key="x"
      dataKey="clock"
      type="number"
      domain={[from, to]}
      allowDecimals={false}
      interval={0}
      tick={tickLabel}
    />,
    fit ? (
      <YAxis
        key="y"
        allowDecimals={false}
        width={64}
        domain={['auto', 'auto']}
        interval={0}
        tick={tickLabel}
      />
    ) : (
      <YAxis key="y" allowDecimals={false} width={44} interval={0} tick={tickLabel} />
    ),
    <Tooltip key="tooltip" />,
    <Legend key="legend" />,
  ]
}

/** What recharts gives a tick renderer, of what tickLabel uses. */
interface TickProps {
  x?: number | string
  y?: number | string
  payload?: { value?: number | string }
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit'
  verticalAnchor?: 'start' | 'middle' | 'end'
  fill?: string
  className?: string
}

/**
 * An axis tick's label as plain SVG text, placed as recharts' own would be (its baseline shift
 * for a label under the axis, or beside it). Recharts' <Text> measures each word of a label in
 * the page to wrap it, a forced layout at every redraw for labels of a few digits.
 */
export function tickLabel({
  x,
  y,
  payload,
  textAnchor,
  verticalAnchor,
  fill,
  className,
}: TickProps) {
  const dy = verticalAnchor === 'start' ? '0.71em' : verticalAnchor === 'end' ? '0' : '0.355em'
  return (
    <text x={x} y={y} textAnchor={textAnchor} fill={fill} className={className}>
      <tspan x={x} dy={dy}>
        {payload?.value}
      </tspan>
    </text>
  )
}

/**
 * Room on the right for the last tick's label, which sits on the plot's edge: recharts' default
 * margin (5 px) clipped it, and it no longer hides the labels that do not fit (see frame).
 */
export const MARGIN = { top: 5, right: 20, bottom: 5, left: 5 }

export const noAnimation = { isAnimationActive: false, dot: false } as const

/** The clock of the row under the pointer, as the tooltip shows it, to `onPick`. */
export function pickOn(
  data: readonly { readonly clock?: number }[],
  onPick?: (clock: number) => void,
) {
  return onPick
    ? {
        onClick: ({ activeIndex }: { activeIndex?: number | string | null | undefined }) => {
          const clock =
            activeIndex === null || activeIndex === undefined
              ? undefined
              : data[Number(activeIndex)]?.clock
          if (clock !== undefined) onPick(clock)
        },
      }
    : {}
}

/**
 * Bars per series, or for many rows a stepped line per series; `stacked`: the series on top of
 * each other (as lines, each the running total of it and those before it).
 * Plain functions, not components: recharts reads its direct children's types.
 */
export function bars(series: readonly BarSeries[], dense: boolean, stacked = false) {
  return series.map(({ key, name, color }) =>
    dense ? (
      <Line
        key={key}
        type="stepAfter"
        dataKey={stacked ? `sum:${key}` : key}
        name={name ?? key}
        stroke={color}
        {...noAnimation}
      />
    ) : (
      <Bar
        key={key}
        dataKey={key}
        {...(name ? { name } : {})}
        fill={color}
        isAnimationActive={false}
        {...(stacked ? { stackId: 'm' } : {})}
      />
    ),
  )
}

export interface LineSeries {
  readonly key: string
  readonly name: string
  readonly color: string
  readonly dashed?: boolean
}

/** A chart of a line per node (and a large network's aggregates, dashed, under them). */
export function nodeLinesChart(
  data: readonly FlatRow[],
  series: readonly LineSeries[],
  from: number,
  to: number,
  marker: ReactNode,
  onPick?: (clock: number) => void,
) {
  return (
    <ResponsiveContainer width="100%" height={170}>
      <LineChart
        data={data as FlatRow[]}
        accessibilityLayer={false}
        margin={MARGIN}
        {...pickOn(data, onPick)}
      >
        {frame(from, to)}
        {series.map((s) => (
          <Line
            key={s.key}
            type="stepAfter"
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            {...(s.dashed ? { strokeDasharray: '4 2' } : {})}
            {...noAnimation}
          />
        ))}
        {marker}
      </LineChart>
    </ResponsiveContainer>
  )
}

/** A line per node charted, under a large network's aggregate lines (dashed). */
export function perNode(
  prefix: 'h' | 'p',
  lines: readonly string[],
  many: boolean,
  nodes: number,
): LineSeries[] {
  const aggregates: LineSeries[] = !many
    ? []
    : prefix === 'h'
      ? [
          { key: 'lowest', name: 'lowest node', color: 'var(--muted)', dashed: true },
          { key: 'highest', name: 'highest node', color: 'var(--fg)', dashed: true },
        ]
      : [{ key: 'meanPool', name: `mean of ${nodes} nodes`, color: 'var(--fg)', dashed: true }]
  return [
    ...aggregates,
    ...lines.map((n, i) => ({ key: `${prefix}:${n}`, name: n, color: colorOf(i) })),
  ]
}

export const MESSAGE_SERIES: readonly BarSeries[] = MESSAGE_TYPES.map((type, i) => ({
  key: type,
  color: colorOf(i),
}))
export const FORK_SERIES: readonly BarSeries[] = [
  { key: 'forks', name: 'rival blocks', color: colorOf(1) },
  { key: 'reorgs', name: 'reorganisations', color: colorOf(7) },
  { key: 'depth', name: 'deepest reorg', color: colorOf(4) },
]

function summaryColumns(summary: NetworkSummary, nodes: number) {
  return {
    lowest: summary.lowestHeight,
    highest: summary.highestHeight,
    meanPool: Math.round((100 * summary.totalPool) / Math.max(1, nodes)) / 100,
  }
}
