import type { BucketedSeries, RunSummary } from '../../../shared/run-types'
import type { RunReader } from '../run-reader'
import type { RunReplayer } from '../run-replay'
import { ChainBalances } from './chain-balances'
import { bucketSeries, clampRange, type SeriesQuery } from './series-buckets'
import { SeriesDigest, type NodeSeed } from './series-digest'

/** Events read per page while building a digest; the lab answers other calls between pages. */
const PAGE_EVENTS = 50_000
/** Digests kept: the runs opened last. One of a million-event run holds some tens of MiB. */
const KEEP_RUNS = 4

interface Entry {
  readonly digest: SeriesDigest
  readonly balances: ChainBalances
  catchingUp: Promise<void> | null
}

/**
 * Bucketed series of saved runs. Each run's events are read once into a digest, kept for the
 * runs opened last; a later call reads only the events recorded since (a live run's), so a
 * whole-run overview, and every zoom into it, answers without reading the run again.
 */
export class RunSeriesCache {
  private readonly entries = new Map<number, Entry>()

  constructor(
    private readonly reader: RunReader,
    private readonly replayer: RunReplayer,
  ) {}

  async series(run: RunSummary, query: SeriesQuery): Promise<BucketedSeries> {
    const entry = await this.caughtUp(run)
    const range = clampRange(query, run.clocks, [...entry.digest.tracks.keys()])
    return bucketSeries(run.id, entry.digest, entry.balances, range)
  }

  forget(runId: number): void {
    this.entries.delete(runId)
  }

  private async caughtUp(run: RunSummary): Promise<Entry> {
    let entry = this.entries.get(run.id)
    if (entry) this.entries.delete(run.id)
    entry ??= this.create(run)
    // Most recently used last: the first is the one to drop.
    this.entries.set(run.id, entry)
    for (const id of this.entries.keys()) if (this.entries.size > KEEP_RUNS) this.entries.delete(id)
    const current = entry
    // Calls while a digest is being read wait for that read rather than start another.
    current.catchingUp ??= this.catchUp(run.id, current).finally(() => {
      current.catchingUp = null
    })
    await current.catchingUp
    return current
  }

  private create(run: RunSummary): Entry {
    const nodes = this.reader.config(run.id)?.config.nodes ?? []
    const seeds: NodeSeed[] =
      run.parentRunId === null
        ? []
        : (this.replayer.branchStart(run.id) ?? []).map((n) => ({
            id: n.id,
            height: n.height,
            pool: n.pool.length,
            status: n.status,
            tip: n.tip,
          }))
    return {
      digest: new SeriesDigest(nodes, seeds),
      balances: new ChainBalances(this.reader, run.id),
      catchingUp: null,
    }
  }

  private async catchUp(runId: number, entry: Entry): Promise<void> {
    entry.balances.sync()
    for (;;) {
      const rows = this.reader.chartEvents(runId, entry.digest.lastSeq, PAGE_EVENTS)
      entry.digest.apply(rows)
      if (rows.length < PAGE_EVENTS) return
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
}
