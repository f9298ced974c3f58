import type { Statement } from 'better-sqlite3'
import type { SequencedEvent } from '../../../core/events'
import { decodeChunk, unpackChunk, type EventFilter } from '../event-codec'
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
  private readonly any: Statement<[number], { n: number }>
  private readonly holding: Statement<[number, number], { firstSeq: number | null }>
  private readonly candidates: Statement<
    [number, number, number, number, number],
    { firstSeq: number }
  >
  private readonly data: Statement<[number, number], { data: Buffer }>
  private readonly total: Statement<[number], { n: number | null }>

  constructor(db: RecordingDb) {
    const client = db.$client
    this.any = client.prepare(
      'SELECT count(*) AS n FROM (SELECT 1 FROM event_chunks WHERE run_id = ? LIMIT 1)',
    )
    this.holding = client.prepare(
      'SELECT max(first_seq) AS firstSeq FROM event_chunks WHERE run_id = ? AND first_seq <= ?',
    )
    this.candidates = client.prepare(
      `SELECT first_seq AS firstSeq FROM event_chunks
       WHERE run_id = ? AND first_seq >= ? AND min_clock <= ? AND max_clock >= ?
       ORDER BY first_seq LIMIT ?`,
    )
    this.data = client.prepare('SELECT data FROM event_chunks WHERE run_id = ? AND first_seq = ?')
    this.total = client.prepare('SELECT sum(count) AS n FROM event_chunks WHERE run_id = ?')
  }

  /** Whether the run's events are in chunks (a run recorded before 0005, or imported, is not). */
  has(runId: number): boolean {
    return (this.any.get(runId)?.n ?? 0) > 0
  }

  /** How many events the run's chunks hold. */
  count(runId: number): number {
    return this.total.get(runId)?.n ?? 0
  }

  /** Up to `limit` events that pass the filter, in order. */
  read(runId: number, filter: EventFilter, limit: number): SequencedEvent[] {
    const out: SequencedEvent[] = []
    const after = filter.afterSeq ?? 0
    // The chunk that holds the first seq wanted: chunks cover consecutive seqs.
    let start = this.holding.get(runId, after + 1)?.firstSeq ?? 0
    const to = filter.to ?? NO_CLOCK
    const from = filter.from ?? -NO_CLOCK
    for (;;) {
      const chunks = this.candidates.all(runId, start, to, from, CHUNKS_A_LOOKUP)
      for (const { firstSeq } of chunks) {
        if (filter.toSeq !== undefined && firstSeq > filter.toSeq) return out
        const row = this.data.get(runId, firstSeq)
        if (!row) continue
        const { tables, body } = unpackChunk(row.data)
        for (const event of decodeChunk(tables, body, filter, limit - out.length)) out.push(event)
        if (out.length >= limit) return out
      }
      if (chunks.length < CHUNKS_A_LOOKUP) return out
      start = (chunks.at(-1)?.firstSeq ?? start) + 1
    }
  }

  /** Every event of the run, a chunk at a time, in order (an export). */
  *all(runId: number): Generator<SequencedEvent[]> {
    let start = 0
    for (;;) {
      const chunks = this.candidates.all(runId, start, NO_CLOCK, -NO_CLOCK, CHUNKS_A_LOOKUP)
      for (const { firstSeq } of chunks) {
        const row = this.data.get(runId, firstSeq)
        if (!row) continue
        const { tables, body } = unpackChunk(row.data)
        yield decodeChunk(tables, body)
      }
      if (chunks.length < CHUNKS_A_LOOKUP) return
      start = (chunks.at(-1)?.firstSeq ?? start) + 1
    }
  }
}
