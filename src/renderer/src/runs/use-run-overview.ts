import type { LabClient } from '../../../shared/lab-bridge'
import type { BucketedSeries, RunSummary } from '../../../shared/run-types'
import { useAsync } from '../store/use-async'

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
