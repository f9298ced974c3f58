import { memo, useMemo } from 'react'
import { ComposedChart, Line, LineChart, ReferenceLine, ResponsiveContainer } from 'recharts'
import type { ClockRow, NetworkSummary, StatusSpan } from '../store/series'
import { MESSAGE_TYPES } from '../store/series'
import { colorOf } from './palette'
import {
  bars,
  flattenKept,
  FORK_SERIES,
  frame,
  MARGIN,
  MAX_BARS,
  MESSAGE_SERIES,
  noAnimation,
  nodeLinesChart,
  perNode,
  pickOn,
  type FlatRow,
  type Row,
} from './chart-parts'
import { LANES_UP_TO, StatusTimeline } from './StatusTimeline'
import { countsAt, statusesAt, totalsOver, valuesAt } from './chart-summaries'
import type { StatusBucket } from './status-summary'
import { DocLink } from '../help/DocLink'
import { ChartCard } from './ChartCard'
import type { FramePacer } from './frame-pacer'
import { MAX_LINES, PICKED } from './chart-limits'
import './charts.css'

interface Props {
  nodes: readonly string[]
  /**
   * For a network of more than MAX_LINES nodes, the nodes charted by name (those picked); the
   * rest are summarised. Ignored for a small network, where every node has its line.
   */
  lines?: readonly string[]
  rows: readonly (ClockRow & { summary?: NetworkSummary })[]
  spans: readonly StatusSpan[]
  /**
   * Nodes per status, already counted where `spans` are not every node's (a large run's
   * overview: the picked node's spans, and the whole network's counts from the main side).
   */
  statuses?: readonly StatusBucket[]
  balances: readonly Record<string, number>[]
  accounts: readonly string[]
  from: number
  to: number
  cursor?: number
  /** Called with the clock the user clicked in a chart. */
  onPick?: (clock: number) => void
  /**
   * The live view's: each chart redraws when it gives it a turn, one chart a frame. Without
   * one (a replay), a chart redraws as soon as its data changes.
   */
  pacer?: FramePacer
}

/**
 * Every chart, against the clock, of the window from..to. Memoised, and each chart too: a chart
 * is drawn again only when its own data, window or cursor change (recharts redraws a whole
 * chart each time, and that is most of what the page does while the clock runs).
 */
export const Charts = memo(function Charts({
  nodes,
  lines: picked,
  rows,
  spans,
  statuses,
  balances,
  accounts,
  from,
  to,
  cursor,
  onPick,
  pacer,
}: Props) {
  const many = nodes.length > MAX_LINES
  const lines = useMemo(
    () => (many ? (picked ?? []).slice(0, PICKED) : nodes),
    [many, picked, nodes],
  )
  // Flattened rows kept per set of columns: a row the live window kept is not flattened again.
  const kept = useMemo(
    () => new WeakMap<Row, FlatRow>(),
    // A new map when the columns change: the deps are what the map stands for.
    [lines, many, nodes.length], // eslint-disable-line react-hooks/exhaustive-deps
  )
  const flat = useMemo(
    () => flattenKept(rows, lines, many, nodes.length, kept),
    [rows, lines, many, nodes.length, kept],
  )
  const marker = useMemo(
    () =>
      cursor !== undefined ? (
        <ReferenceLine x={cursor} className="cursor" stroke="currentColor" />
      ) : null,
    [cursor],
  )
  const at = cursor ?? to
  const dense = flat.length > MAX_BARS

  const heights = useMemo(
    () => perNode('h', lines, many, nodes.length),
    [lines, many, nodes.length],
  )
  const pools = useMemo(() => perNode('p', lines, many, nodes.length), [lines, many, nodes.length])
  const heightChart = useMemo(
    () => nodeLinesChart(flat, heights, from, to, marker, onPick),
    [flat, heights, from, to, marker, onPick],
  )
  const poolChart = useMemo(
    () => nodeLinesChart(flat, pools, from, to, marker, onPick),
    [flat, pools, from, to, marker, onPick],
  )
  const timeline = useMemo(
    () => (
      <StatusTimeline
        nodes={nodes}
        picked={lines}
        spans={spans}
        {...(statuses ? { counts: statuses } : {})}
        from={from}
        to={to}
        {...(cursor !== undefined ? { cursor } : {})}
      />
    ),
    [nodes, lines, spans, statuses, from, to, cursor],
  )
  const messageChart = useMemo(
    () => (
      <ResponsiveContainer width="100%" height={170}>
        <ComposedChart
          data={flat}
          accessibilityLayer={false}
          margin={MARGIN}
          {...pickOn(flat, onPick)}
        >
          {frame(from, to)}
          {bars(MESSAGE_SERIES, dense, true)}
          {marker}
        </ComposedChart>
      </ResponsiveContainer>
    ),
    [flat, dense, from, to, marker, onPick],
  )
  const balanceChart = useMemo(
    () => (
      <ResponsiveContainer width="100%" height={170}>
        <LineChart
          data={[...balances]}
          accessibilityLayer={false}
          margin={MARGIN}
          {...pickOn(balances, onPick)}
        >
          {frame(from, to, true)}
          {accounts.map((a, i) => (
            <Line key={a} type="stepAfter" dataKey={a} stroke={colorOf(i)} {...noAnimation} />
          ))}
          {marker}
        </LineChart>
      </ResponsiveContainer>
    ),
    [balances, accounts, from, to, marker, onPick],
  )
  const forkChart = useMemo(
    () => (
      <ResponsiveContainer width="100%" height={170}>
        <ComposedChart
          data={flat}
          accessibilityLayer={false}
          margin={MARGIN}
          {...pickOn(flat, onPick)}
        >
          {frame(from, to)}
          {bars(FORK_SERIES, dense)}
          {marker}
        </ComposedChart>
      </ResponsiveContainer>
    ),
    [flat, dense, from, to, marker, onPick],
  )
  const card = { ...(pacer ? { pacer } : {}) }
  return (
    <div className="charts">
      <DocLink doc="recording" section="the-charts-series">
        how these charts are counted
      </DocLink>
      <ChartCard
        title={many ? 'Chain height: the network and picked nodes' : 'Chain height per node'}
        summary={valuesAt('Chain height', flat, heights, at)}
        {...card}
      >
        {heightChart}
      </ChartCard>
      <ChartCard
        title={many ? 'Pool size: the network and picked nodes' : 'Pool size per node'}
        summary={valuesAt('Pool size', flat, pools, at)}
        {...card}
      >
        {poolChart}
      </ChartCard>
      <ChartCard
        title="Status timeline"
        summary={
          statuses && nodes.length > LANES_UP_TO
            ? countsAt(nodes.length, statuses, at)
            : statusesAt(nodes, spans, at, LANES_UP_TO)
        }
        {...card}
      >
        {timeline}
      </ChartCard>
      <ChartCard
        title="Messages per clock by type"
        summary={totalsOver(
          'Messages sent',
          flat,
          MESSAGE_TYPES.map((type) => ({ key: type, name: type })),
          from,
          to,
        )}
        {...card}
      >
        {messageChart}
      </ChartCard>
      <ChartCard
        title="Balances per account (selected node)"
        summary={valuesAt(
          'Balances',
          balances,
          accounts.map((a) => ({ key: a, name: a })),
          at,
        )}
        {...card}
      >
        {balanceChart}
      </ChartCard>
      <ChartCard
        title="Forks and reorganisations"
        summary={totalsOver(
          'Forks',
          flat,
          [
            { key: 'forks', name: 'rival blocks' },
            { key: 'reorgs', name: 'reorganisations' },
            { key: 'depth', name: 'deepest reorganisation', max: true },
          ],
          from,
          to,
        )}
        {...card}
      >
        {forkChart}
      </ChartCard>
    </div>
  )
})
