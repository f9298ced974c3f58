import type { SequencedEvent } from '../../../core/events'
import type { EventFilter } from '../event-codec'
import { readStoredChunk } from './stored-chunk'
import type { RecordingDb } from '../open-database'

/** Chunks listed a query at a time while a page is gathered. */
const CHUNKS_A_LOOKUP = 16
const NO_CLOCK = 2 ** 53

/**
 * Reads events recorded in chunks (event_chunks, since 0005): finds the chunks a page may come
 * from by their seqs and clocks alone (the covering index; no chunk's data is read for that), then
 * decodes them one by one, making objects only of the events the page keeps.
 */
export class EventChunkReader {
  private prepared: ReturnType<typeof prepare> | null = null

  constructor(private readonly db: RecordingDb) {}

  /** Prepared on first use: a reader may be made before its file is migrated. */
  private get q(): ReturnType<typeof prepare> {
    return (this.prepared ??= prepare(this.db))
  }

  /** Whether the run's events are in chunks (a run recorded before 0005, or imported, is not). */
  has(runId: number): boolean {
    return (this.q.any.get(runId)?.n ?? 0) > 0
  }

  /** How many events the run's chunks hold. */
  count(runId: number): number {
    return this.q.total.get(runId)?.n ?? 0
  }

  /** Up to `limit` events that pass the filter, in order. */
  read(runId: number, filter: EventFilter, limit: number): SequencedEvent[] {
    const out: SequencedEvent[] = []
    if (filter.node !== undefined) {
      // A node's events up to the mark are in its own rows (node_event_chunks): a row or two a
      // page, where the run's chunks hold a few of them each. The rest, from the run's chunks.
      const through = this.q.mark.get(runId)?.throughSeq ?? 0
      const after = filter.afterSeq ?? 0
      if (after < through) {
        this.readNode(runId, filter.node, filter, limit, out)
        if (out.length >= limit || (filter.toSeq !== undefined && filter.toSeq <= through))
          return out
      }
      filter = { ...filter, afterSeq: Math.max(after, through) }
    }
    this.readChunks(runId, filter, limit, out)
    return out
  }

  /** Appends the node's events from its own rows (all up to the mark) that pass the filter. */
  private readNode(
    runId: number,
    node: string,
    filter: EventFilter,
    limit: number,
    out: SequencedEvent[],
  ): void {
    let after = filter.afterSeq ?? 0
    const to = filter.to ?? NO_CLOCK
    const from = filter.from ?? -NO_CLOCK
    for (;;) {
      // Row by row: a page mostly ends in its first row or two, so no other row's data is read.
      let rows = 0
      for (const row of this.q.nodeRows.iterate(runId, node, after, to, from, CHUNKS_A_LOOKUP)) {
        rows++
        if (filter.toSeq !== undefined && row.firstSeq > filter.toSeq) return
        for (const event of readStoredChunk(row.data, filter, limit - out.length)) out.push(event)
        if (out.length >= limit) return
        after = row.lastSeq
      }
      if (rows < CHUNKS_A_LOOKUP) return
    }
  }

  /** Appends the events of the run's chunks that pass the filter, up to `limit` in all. */
  private readChunks(runId: number, filter: EventFilter, limit: number, out: SequencedEvent[]) {
    const after = filter.afterSeq ?? 0
    // The chunk that holds the first seq wanted: chunks cover consecutive seqs.
    let start = this.q.holding.get(runId, after + 1)?.firstSeq ?? 0
    const to = filter.to ?? NO_CLOCK
    const from = filter.from ?? -NO_CLOCK
    // A clock window starts at its first chunk, found in the clock index alone: the chunks
    // before it are never visited.
    if (filter.from !== undefined || filter.to !== undefined) {
      const first = this.q.seek.get(runId, to, from, start)?.firstSeq
      if (first === null || first === undefined) return
      start = first
    }
    for (;;) {
      const chunks = this.q.candidates.all(runId, start, to, from, CHUNKS_A_LOOKUP)
      for (const { firstSeq } of chunks) {
        if (filter.toSeq !== undefined && firstSeq > filter.toSeq) return
        const row = this.q.data.get(runId, firstSeq)
        if (!row) continue
        for (const event of readStoredChunk(row.data, filter, limit - out.length)) out.push(event)
        if (out.length >= limit) return
      }
      if (chunks.length < CHUNKS_A_LOOKUP) return
      start = (chunks.at(-1)?.firstSeq ?? start) + 1
    }
  }

  /** Every event of the run, a chunk at a time, in order (an export). */
  *all(runId: number): Generator<SequencedEvent[]> {
    let start = 0
    for (;;) {
      const chunks = this.q.candidates.all(runId, start, NO_CLOCK, -NO_CLOCK, CHUNKS_A_LOOKUP)
      for (const { firstSeq } of chunks) {
        const row = this.q.data.get(runId, firstSeq)
        if (!row) continue
        yield readStoredChunk(row.data)
      }
      if (chunks.length < CHUNKS_A_LOOKUP) return
      start = (chunks.at(-1)?.firstSeq ?? start) + 1
    }
  }
}

function prepare(db: RecordingDb) {
  const client = db.$client
  return {
    any: client.prepare<[number], { n: number }>(
      'SELECT count(*) AS n FROM (SELECT 1 FROM event_chunks WHERE run_id = ? LIMIT 1)',
    ),
    holding: client.prepare<[number, number], { firstSeq: number | null }>(
      'SELECT max(first_seq) AS firstSeq FROM event_chunks WHERE run_id = ? AND first_seq <= ?',
    ),
    seek: client.prepare<[number, number, number, number], { firstSeq: number | null }>(
      `SELECT min(first_seq) AS firstSeq FROM event_chunks INDEXED BY event_chunks_by_clock
       WHERE run_id = ? AND min_clock <= ? AND max_clock >= ? AND first_seq >= ?`,
    ),
    candidates: client.prepare<[number, number, number, number, number], { firstSeq: number }>(
      `SELECT first_seq AS firstSeq FROM event_chunks
       WHERE run_id = ? AND first_seq >= ? AND min_clock <= ? AND max_clock >= ?
       ORDER BY first_seq LIMIT ?`,
    ),
    data: client.prepare<[number, number], { data: Buffer }>(
      'SELECT data FROM event_chunks WHERE run_id = ? AND first_seq = ?',
    ),
    mark: client.prepare<[number], { throughSeq: number }>(
      'SELECT through_seq AS throughSeq FROM node_event_marks WHERE run_id = ?',
    ),
    nodeRows: client.prepare<
      [number, string, number, number, number, number],
      { firstSeq: number; lastSeq: number; data: Buffer }
    >(
      `SELECT first_seq AS firstSeq, last_seq AS lastSeq, data FROM node_event_chunks
       WHERE run_id = ? AND node = ? AND last_seq > ? AND min_clock <= ? AND max_clock >= ?
       ORDER BY last_seq LIMIT ?`,
    ),
    total: client.prepare<[number], { n: number | null }>(
      'SELECT sum(count) AS n FROM event_chunks WHERE run_id = ?',
    ),
  }
}
