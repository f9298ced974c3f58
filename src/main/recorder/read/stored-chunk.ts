import type { SequencedEvent } from '../../../core/events'
import { COLUMNS_MARKER, decodeColumnChunk } from '../columns/column-chunk'
import { decodeChunk, unpackChunk, type EventFilter } from '../event-codec'

/**
 * The events of a stored chunk (a run's or a node's row) that pass the filter, in order, up to
 * `limit`, whichever format it was written in: its first byte says (column-chunk.ts for format 3,
 * event-codec.ts for formats 1 and 2).
 */
export function readStoredChunk(
  data: Uint8Array,
  filter: EventFilter = {},
  limit = Number.POSITIVE_INFINITY,
): SequencedEvent[] {
  if (data[0] === COLUMNS_MARKER) return decodeColumnChunk(data, filter, limit)
  const { tables, body } = unpackChunk(data)
  return decodeChunk(tables, body, filter, limit)
}
