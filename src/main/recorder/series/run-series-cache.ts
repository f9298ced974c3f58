import type { BucketedSeries, RunSummary } from '../../../shared/run-types'
import type { RunReader } from '../read/run-reader'
import type { RunReplayer } from '../replay/run-replay'
import { genesisBalances } from '../../../core/chain/block-tree'
import { bucketSeries, clampRange, type ChainBalances, type SeriesQuery } from './series-buckets'
import { unpackChartEvents } from './chart-chunk'
import { SeriesDigest, type NodeSeed } from './series-digest'
import { summaryOfSnapshot } from '../../../shared/node-summary'

/** Events read at a time from a run recorded without chart chunks. */
const PAGE_EVENTS = 50_000
/**
 * Milliseconds of reading between yields while building a digest: the thread answers other
 * calls then (in the replay thread, a scrub's state waits at most this long behind a digest).
 */
const SLICE_MS = 15
/** Digests kept: the runs opened last. One of 600,000 events holds about 6 MiB. */
const KEEP_RUNS = 4

interface Entry {
  readonly digest: SeriesDigest
  catchingUp: Promise<void> | null
}

/**
 * Bucketed series of saved runs. Each run is read once into a digest, kept for the runs opened
 * last; a later call reads only what was recorded since (a live run's), so a whole-run overview,
 * and every zoom into it, answers without reading the run again. A run is read from its chart
 * chunks, one row per flush, and from its events where it has none.
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
    return bucketSeries(run.id, entry.digest, this.balances(run.id), range)
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
        : (this.replayer.branchStart(run.id) ?? []).map((n) => summaryOfSnapshot(n))
    return { digest: new SeriesDigest(nodes, seeds), catchingUp: null }
  }

  /** Balances from the run's block index, which the states at a clock share. */
  private balances(runId: number): ChainBalances {
    const index = this.replayer.blockIndex(runId)
    const genesis = index.block(0)
    const atGenesis = genesisBalances(genesis)
    return {
      accounts: [...atGenesis.keys()],
      after: (tip) =>
        Object.fromEntries((tip === null ? atGenesis : index.balancesAfter(tip)) ?? atGenesis),
    }
  }

  private async catchUp(runId: number, entry: Entry): Promise<void> {
    const { digest } = entry
    let since = performance.now()
    for (const chunk of this.reader.chartChunks(runId, digest.through)) {
      // Events recorded without chunks (by an earlier version, or imported) come from the events.
      if (chunk.firstSeq > digest.through + 1)
        await this.readEvents(runId, digest, chunk.firstSeq - 1)
      digest.apply(unpackChartEvents(chunk.events), chunk.lastSeq)
      if (performance.now() - since >= SLICE_MS) {
        await yieldToLab()
        since = performance.now()
      }
    }
    await this.readEvents(runId, digest)
  }

  /** Chart events after the digest's, up to `throughSeq` (all when absent), from the events. */
  private async readEvents(runId: number, digest: SeriesDigest, throughSeq?: number) {
    for (;;) {
      const rows = this.reader.chartEvents(runId, digest.through, PAGE_EVENTS, throughSeq)
      digest.apply(rows)
      if (rows.length < PAGE_EVENTS) break
      await yieldToLab()
    }
    if (throughSeq !== undefined) digest.apply([], throughSeq)
  }
}

const yieldToLab = () => new Promise((resolve) => setImmediate(resolve))
