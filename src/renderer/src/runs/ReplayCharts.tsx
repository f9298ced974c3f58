import { useDeferredValue, useMemo } from 'react'
import type { LabClient } from '../../../shared/lab-bridge'
import type { NodeAtClock, RunSummary } from '../../../shared/run-types'
import { Charts } from '../charts/Charts'
import { MAX_LINES } from '../charts/chart-limits'
import { overviewBalances, overviewRows, overviewSpans, overviewStatuses } from './overview-rows'
import { useRunBalances, useRunOverview } from './use-run-overview'
import { useRunSeries, WHOLE_RUN_EVENTS } from './use-run-series'

interface Props {
  client: LabClient
  run: RunSummary
  nodes: readonly string[]
  /** The node picked (its lines and balances), and the one shown. */
  selected: string | null
  node: NodeAtClock | undefined
  clock: number
  /** A long run charted clock by clock around the scrubber instead of whole. */
  zoomed: boolean
  onPick: (clock: number) => void
}

/** Whether a run is too long to chart clock by clock from its events (then: whole, in buckets). */
export function isLongRun(run: RunSummary): boolean {
  return run.events > WHOLE_RUN_EVENTS
}

/**
 * A replay's charts: a long run's whole, in buckets the main side summarises, unless zoomed; a
 * short run's (or the clocks around the scrubber) clock by clock from its events.
 */
export function ReplayCharts({ client, run, nodes, selected, node, clock, zoomed, onPick }: Props) {
  const whole = isLongRun(run) && !zoomed
  const { series, loaded, loading } = useRunSeries(client, whole ? null : run, nodes, clock)
  // Asked once the first state is here (its nodes known): see ReplayView.
  const { overview, error: overviewError } = useRunOverview(
    client,
    isLongRun(run) && nodes.length > 0 ? run : null,
    selected,
  )
  // Derived once per answer, not on every scrubbed clock.
  const overviewCharts = useMemo(
    () =>
      overview && {
        rows: overviewRows(overview),
        spans: overviewSpans(overview),
        statuses: overviewStatuses(overview),
        balances: overviewBalances(overview),
      },
    [overview],
  )
  const from = series?.from ?? 0
  const to = Math.max(from + 1, series?.to ?? run.clocks)
  // A large run charts its summary and the selected node, not thousands of lines.
  const many = nodes.length > MAX_LINES
  const lines = useMemo(
    () => (many ? (selected ? [selected] : []) : nodes),
    [many, selected, nodes],
  )
  // A summarised overview has the node it follows alone: a node picked since is charted once
  // its answer comes, not as zeros meanwhile.
  const overviewLines = useMemo(
    () => (overview?.summarised ? lines.filter((node) => node === overview.balancesOf) : lines),
    [overview, lines],
  )
  const windowCharts = useMemo(
    () =>
      series && {
        rows: series.series.window(from, to, 600, { nodes: lines, summary: true }),
        spans: series.series.statusSpans(from, to),
      },
    [series, from, to, lines],
  )
  // Balances clock by clock come from the main side's buckets (the events alone do not carry
  // them); until they come, the scrubbed state's own.
  const windowBalances = useRunBalances(client, whole ? null : run, from, to, node?.id ?? null)
  const nodeBalances = useMemo(
    () =>
      windowBalances ?? {
        balances: node ? [{ ...node.balances, clock: node.clock }] : [],
        accounts: node ? Object.keys(node.balances) : [],
      },
    [windowBalances, node],
  )
  // The charts follow the scrubber when React has time: the slider and the clock stay quick
  // while a long run's charts redraw.
  const chartClock = useDeferredValue(clock)

  if (whole)
    return overview && overviewCharts ? (
      <div data-overview={`${overview.from}-${overview.to}`}>
        <p className="hint">
          The whole run in {overview.buckets.length} buckets of {overview.width.toLocaleString()}{' '}
          clocks: heights, pools and balances as each bucket ends, messages, forks and
          reorganisations summed over it. Click a chart to scrub there.
        </p>
        <Charts
          nodes={overview.nodes}
          lines={overviewLines}
          rows={overviewCharts.rows}
          spans={overviewCharts.spans}
          {...(overviewCharts.statuses ? { statuses: overviewCharts.statuses } : {})}
          balances={overviewCharts.balances}
          accounts={overview.accounts}
          from={overview.from}
          to={overview.to}
          cursor={chartClock}
          onPick={onPick}
        />
      </div>
    ) : (
      <p className="empty">{overviewError ?? 'Summarising the whole run for the charts…'}</p>
    )
  return (
    <>
      {series && loading && (
        <p className="hint">
          Loading the clocks around {clock}… {loaded.toLocaleString()} events so far
        </p>
      )}
      {series && windowCharts ? (
        <div data-window={`${series.from}-${series.to}`}>
          <Charts
            nodes={nodes}
            lines={lines}
            rows={windowCharts.rows}
            spans={windowCharts.spans}
            balances={nodeBalances.balances}
            accounts={nodeBalances.accounts}
            from={from}
            to={to}
            cursor={chartClock}
            onPick={onPick}
          />
        </div>
      ) : (
        <p className="empty">
          Loading the run's events for the charts… {loaded.toLocaleString()} so far
        </p>
      )}
    </>
  )
}
