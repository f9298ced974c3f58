import { expect } from 'vitest'
import { readStoredChunk } from '../../src/main/recorder/read/stored-chunk'
import type { StoredChunk } from '../../src/main/recorder/columns/column-chunk'

/**
 * A stored chunk (a run's, or a node's row) says what it holds: the bounds its row is indexed by
 * are those of the events it reads back as.
 */
export function expectBoundsOfWhatItHolds(chunk: StoredChunk): void {
  const held = readStoredChunk(chunk.data)
  expect(chunk).toMatchObject({
    count: held.length,
    firstSeq: held[0]?.seq,
    lastSeq: held.at(-1)?.seq,
    minClock: Math.min(...held.map((e) => e.clock)),
    maxClock: Math.max(...held.map((e) => e.clock)),
  })
}
