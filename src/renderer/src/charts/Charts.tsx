import {
  memo,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react'
import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { ClockRow, NetworkSummary, StatusSpan } from '../store/series'
import { MESSAGE_TYPES } from '../store/series'
import { colorOf } from './palette'
import { LANES_UP_TO, StatusTimeline } from './StatusTimeline'
import { statusesAt, totalsOver, valuesAt } from './chart-summaries'
import { DocLink } from '../help/DocLink'
import { useUntabbableLayers } from './use-untabbable-layers'
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
  balances: readonly Record<string, number>[]
  accounts: readonly string[]
  from: number
  to: number
  cursor?: number
  /** Called with the clock the user clicked in a chart. */
  onPick?: (clock: number) => void
}

/**
 * Up to this many nodes, a line per node with a legend; beyond, lines are unreadable anyway,
 * and the charts show the whole network's summary and the nodes picked.
 */
export const MAX_LINES = 8
/** How many picked nodes a large network's charts follow by name. */
export const PICKED = 5

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
 * Beyond this many rows, bars are drawn as one stepped area per series: recharts makes a
 * component of every bar, and 600 rows of stacked bars took over a second to draw, for bars
 * narrower than a pixel.
 */
const MAX_BARS = 150

interface BarSeries {
  readonly key: string
  readonly name?: string
  readonly color: string
}

/** Whether an element is on screen (true where the browser cannot tell). */
function useOnScreen(ref: RefObject<Element | null>): boolean {
  const [visible, setVisible] = useState(true)
  useEffect(() => {
    const element = ref.current
    if (!element || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver((entries) =>
      setVisible(entries.some((e) => e.isIntersecting)),
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])
  return visible
}

/**
 * Its children as they were while off screen: a chart scrolled out of view does not redraw
 * (drawing the charts is most of what the page does while the clock runs), and catches up
 * when it comes back.
 */
const HeldOffScreen = memo(
  function HeldOffScreen({
    children,
    drawn,
  }: {
    visible: boolean
    children: ReactNode
    /** Told what it drew last, so that the card can say whether it is behind. */
    drawn: RefObject<ReactNode>
  }) {
    useLayoutEffect(() => {
      drawn.current = children
    })
    return <>{children}</>
  },
  (before, after) =>
    !after.visible || (before.visible === after.visible && before.children === after.children),
)

/**
 * A chart as one tab stop (recharts' own keyboard layer is off: it added a stop per chart and
 * read out points one by one), described by a sentence saying what it shows.
 */
function ChartCard({
  title,
  summary,
  children,
}: {
  title: string
  summary: string
  children: ReactNode
}) {
  const ref = useRef<HTMLElement>(null)
  const visible = useOnScreen(ref)
  useUntabbableLayers(ref)
  const drawn = useRef<ReactNode>(null)
  const id = useId()
  // Behind what the page knows while held off screen: a full-page screenshot (which does not
  // scroll) brings such charts into view and waits for them (data-stale) before it is taken.
  const stale = !visible && drawn.current !== children
  return (
    <figure
      className="chart"
      ref={ref}
      data-stale={stale ? 'true' : undefined}
      tabIndex={0}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
    >
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <p id={`${id}-summary`} className="sr-only">
        {summary}
      </p>
      <div className="chart-body">
        <HeldOffScreen visible={visible} drawn={drawn}>
          {children}
        </HeldOffScreen>
      </div>
    </figure>
  )
}

/**
 * Every chart, against the clock, of the window from..to. Memoised: a replay re-renders on every
 * scrubbed clock, and the charts need to only when their data or cursor change.
 */
export const Charts = memo(function Charts({
  nodes,
  lines: picked = [],
  rows,
  spans,
  balances,
  accounts,
  from,
  to,
  cursor,
  onPick,
}: Props) {
  const many = nodes.length > MAX_LINES
  const lines = many ? picked.slice(0, PICKED) : nodes
  const flat = rows.map((r) => ({
    clock: r.clock,
    ...Object.fromEntries(lines.map((n) => [`h:${n}`, r.heights[n] ?? 0])),
    ...Object.fromEntries(lines.map((n) => [`p:${n}`, r.pools[n] ?? 0])),
    ...(many ? summaryColumns(summaryOf(r), nodes.length) : {}),
    // Every type, 0 where none went: a stacked area with a hole would break there.
    ...Object.fromEntries(MESSAGE_TYPES.map((type) => [type, r.messages[type] ?? 0])),
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
  // `fit`: the y axis spans the values, not zero to the largest, for values that barely move.
  const frame = (legend: boolean, fit = false) => [
    <CartesianGrid key="grid" strokeDasharray="3 3" />,
    <XAxis key="x" dataKey="clock" type="number" domain={[from, to]} allowDecimals={false} />,
    fit ? (
      <YAxis key="y" allowDecimals={false} width={64} domain={['auto', 'auto']} />
    ) : (
      <YAxis key="y" allowDecimals={false} width={44} />
    ),
    <Tooltip key="tooltip" />,
    ...(legend ? [<Legend key="legend" />] : []),
  ]
  const noAnimation = { isAnimationActive: false, dot: false } as const
  // The clock of the row under the pointer, as the tooltip shows it.
  const pick = (data: readonly { readonly clock?: number }[]) =>
    onPick
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
  const dense = flat.length > MAX_BARS
  // Plain functions, not components: recharts reads its direct children's types.
  const bars = (series: readonly BarSeries[], stackId?: string) =>
    series.map(({ key, name, color }) => {
      const common = { dataKey: key, ...(name ? { name } : {}), isAnimationActive: false }
      const stack = stackId ? { stackId } : {}
      return dense ? (
        <Area
          key={key}
          type="stepAfter"
          stroke={color}
          fill={color}
          fillOpacity={stackId ? 0.6 : 0.3}
          {...common}
          {...stack}
        />
      ) : (
        <Bar key={key} fill={color} {...common} {...stack} />
      )
    })
  // A large network's aggregate lines, drawn under the picked nodes' own.
  const aggregates = (prefix: 'h' | 'p') =>
    !many
      ? []
      : prefix === 'h'
        ? [
            { key: 'lowest', name: 'lowest node', color: 'var(--muted)' },
            { key: 'highest', name: 'highest node', color: 'var(--fg)' },
          ]
        : [{ key: 'meanPool', name: `mean of ${nodes.length} nodes`, color: 'var(--fg)' }]
  const at = cursor ?? to
  const nodeLines = (title: string, prefix: 'h' | 'p') => (
    <ChartCard
      title={title}
      summary={valuesAt(
        prefix === 'h' ? 'Chain height' : 'Pool size',
        flat,
        [...aggregates(prefix), ...lines.map((n) => ({ key: `${prefix}:${n}`, name: n }))],
        at,
      )}
    >
      <ResponsiveContainer width="100%" height={170}>
        <LineChart data={flat} accessibilityLayer={false} {...pick(flat)}>
          {frame(true)}
          {aggregates(prefix).map((a) => (
            <Line
              key={a.key}
              type="stepAfter"
              dataKey={a.key}
              name={a.name}
              stroke={a.color}
              strokeDasharray="4 2"
              {...noAnimation}
            />
          ))}
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
      <DocLink doc="recording" section="the-charts-series">
        how these charts are counted
      </DocLink>
      {nodeLines(
        many ? 'Chain height: the network and picked nodes' : 'Chain height per node',
        'h',
      )}
      {nodeLines(many ? 'Pool size: the network and picked nodes' : 'Pool size per node', 'p')}
      <ChartCard title="Status timeline" summary={statusesAt(nodes, spans, at, LANES_UP_TO)}>
        <StatusTimeline
          nodes={nodes}
          picked={lines}
          spans={spans}
          from={from}
          to={to}
          {...(cursor !== undefined ? { cursor } : {})}
        />
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
      >
        <ResponsiveContainer width="100%" height={170}>
          <ComposedChart data={flat} accessibilityLayer={false} {...pick(flat)}>
            {frame(true)}
            {bars(
              MESSAGE_TYPES.map((type, i) => ({ key: type, color: colorOf(i) })),
              'm',
            )}
            {marker}
          </ComposedChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard
        title="Balances per account (selected node)"
        summary={valuesAt(
          'Balances',
          balances,
          accounts.map((a) => ({ key: a, name: a })),
          at,
        )}
      >
        <ResponsiveContainer width="100%" height={170}>
          <LineChart data={[...balances]} accessibilityLayer={false} {...pick(balances)}>
            {frame(true, true)}
            {accounts.map((a, i) => (
              <Line key={a} type="stepAfter" dataKey={a} stroke={colorOf(i)} {...noAnimation} />
            ))}
            {marker}
          </LineChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard
        title="Forks and reorganisations"
        summary={totalsOver(
          'Forks',
          flat,
          [
            { key: 'forks', name: 'blocks off the main chain' },
            { key: 'reorgs', name: 'reorganisations' },
            { key: 'depth', name: 'deepest reorganisation', max: true },
          ],
          from,
          to,
        )}
      >
        <ResponsiveContainer width="100%" height={170}>
          <ComposedChart data={flat} accessibilityLayer={false} {...pick(flat)}>
            {frame(true)}
            {bars([
              { key: 'forks', name: 'blocks off the main chain', color: colorOf(1) },
              { key: 'reorgs', name: 'reorganisations', color: colorOf(7) },
              { key: 'depth', name: 'deepest reorg', color: colorOf(4) },
            ])}
            {marker}
          </ComposedChart>
        </ResponsiveContainer>
      </ChartCard>
    </div>
  )
})

function summaryColumns(summary: NetworkSummary, nodes: number) {
  return {
    lowest: summary.lowestHeight,
    highest: summary.highestHeight,
    meanPool: Math.round((100 * summary.totalPool) / Math.max(1, nodes)) / 100,
  }
}
