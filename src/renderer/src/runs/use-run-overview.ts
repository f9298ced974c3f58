import { useMemo } from 'react'
import type { LabClient } from '../../../shared/lab-bridge'
import type { BucketedSeries, RunSummary } from '../../../shared/run-types'
import { MAX_SERIES_BUCKETS } from '../../../shared/schemas'
import { useAsync } from '../store/use-async'
import { overviewBalances } from './overview-rows'

/**
 * Buckets in a whole-run overview: about as many as a chart's plot is wide in pixels. More show
 * nothing more and draw slower (600 took a third longer to draw than 300).
 */
export const OVERVIEW_BUCKETS = 400

/**
 * The whole of a saved run in buckets of clocks, computed by the main side, for runs too long to
 * chart clock by clock. `node` is whose balances it follows (the run's first when null).
 */
export function useRunOverview(
  client: LabClient,
  run: RunSummary | null,
  node: string | null,
): { overview: BucketedSeries | null; error: string | null } {
  const { value, error } = useAsync(
    async () =>
      run
        ? client.getRunSeries({ id: run.id, buckets: OVERVIEW_BUCKETS, ...(node ? { node } : {}) })
        : null,
    [client, run, node],
  )
  // A previous run's or node's answer is not this one's.
  const current = value && run && value.runId === run.id ? value : null
  return { overview: current, error }
}

/**
 * The balances `node` saw at every clock of from..to (or every few, past MAX_SERIES_BUCKETS
 * clocks), from the same buckets: what the replay's balance chart draws when it charts a run
 * clock by clock. Null until they come.
 */
export function useRunBalances(
  client: LabClient,
  run: RunSummary | null,
  from: number,
  to: number,
  node: string | null,
): { balances: Record<string, number>[]; accounts: readonly string[] } | null {
  const { value } = useAsync(
    async () =>
      run && to > from
        ? client.getRunSeries({
            id: run.id,
            from,
            to,
            buckets: Math.min(to - from + 1, MAX_SERIES_BUCKETS),
            ...(node ? { node } : {}),
          })
        : null,
    [client, run, from, to, node],
  )
  return useMemo(
    () =>
      value && value.runId === run?.id && value.from === from
        ? { balances: overviewBalances(value), accounts: value.accounts }
        : null,
    [value, run, from],
  )
}
