import { describe, expect, it } from 'vitest'
import type { SequencedEvent } from '../../../../src/core/events'
import { readStoredChunk } from '../../../../src/main/recorder/read/stored-chunk'
import { expectBoundsOfWhatItHolds } from '../../../support/stored-chunks'
import {
  NodeChunkGrouper,
  type NodeWindow,
} from '../../../../src/main/recorder/node-chunks/node-chunk-grouper'

/** Events of `nodes` nodes taking turns, a clock every `nodes` events. */
function events(count: number, nodes: number, firstSeq = 1): SequencedEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const seq = firstSeq + i
    return {
      seq,
      clock: Math.floor(seq / nodes),
      node: `node${(seq % nodes) + 1}`,
      kind: 'message.sent',
      to: `node${((seq + 1) % nodes) + 1}`,
      type: 'inv',
      id: seq * 3,
    } as unknown as SequencedEvent
  })
}

const rowEvents = (row: NodeWindow['rows'][number]) => readStoredChunk(row.data)

describe('grouping a run’s events by node', () => {
  const sizes = { eventsPerRow: 5, eventsANode: 4, minWindow: 20, maxWindow: 40 }

  it('closes a window at its events a node (at least the minimum), each node’s events in rows of at most eventsPerRow', () => {
    const grouper = new NodeChunkGrouper(sizes)
    // 3 nodes: 4 a node is 12, under the minimum of 20.
    expect(grouper.addEvents(events(19, 3), 19)).toBeNull()
    const window = grouper.addEvents(events(2, 3, 20), 21)
    expect(window?.throughSeq).toBe(21)
    const rows = window?.rows ?? []
    expect(rows.every((r) => r.count <= 5)).toBe(true)
    for (const node of ['node1', 'node2', 'node3']) {
      const mine = rows.filter((r) => r.node === node).flatMap(rowEvents)
      expect(mine).toEqual(events(21, 3).filter((e) => e.node === node))
    }
    // Each row says what it holds.
    for (const row of rows) expectBoundsOfWhatItHolds(row)
    expect(grouper.finish()).toBeNull()
  })

  it('waits for more events the more nodes it has seen, up to the maximum', () => {
    const grouper = new NodeChunkGrouper(sizes)
    // 8 nodes: 4 a node is 32 events.
    expect(grouper.addEvents(events(31, 8), 31)).toBeNull()
    expect(grouper.addEvents(events(1, 8, 32), 32)?.throughSeq).toBe(32)
    // 30 nodes: 120 a node, held to the maximum of 40.
    expect(grouper.addEvents(events(39, 30, 33), 71)).toBeNull()
    expect(grouper.addEvents(events(1, 30, 72), 72)?.throughSeq).toBe(72)
  })

  it('closes what it holds at the run’s end, up to the last seq it was given', () => {
    const grouper = new NodeChunkGrouper(sizes)
    grouper.addEvents(events(7, 3), 9)
    const window = grouper.finish()
    expect(window?.throughSeq).toBe(9)
    expect(window?.rows.flatMap(rowEvents).sort((a, b) => a.seq - b.seq)).toEqual(events(7, 3))
  })

  it('copies every kind of value the codec stores, as the events were', () => {
    const made: Record<string, unknown>[] = []
    for (let seq = 1; seq <= 60; seq++) {
      const node = `node${(seq % 3) + 1}`
      const base = { seq, clock: 100 - seq, node }
      if (seq % 5 === 0)
        made.push({
          ...base,
          kind: 'odd',
          ratio: seq / 7,
          big: 2 ** 60,
          ok: seq % 2 === 0,
          gone: null,
        })
      else if (seq % 5 === 1)
        made.push({
          kind: 'block.accepted',
          ...base,
          block: { hash: `h${seq % 4}`, txs: [seq, 'x'] },
        })
      // The same kind with its keys in another order: another shape.
      else if (seq % 5 === 2)
        made.push({ ...base, kind: 'message.sent', id: -seq * 1000, to: 'node9' })
      else if (seq % 5 === 3) made.push({ ...base, kind: 'message.sent', to: 'node9', id: seq })
      else made.push({ seq, clock: seq, kind: 'network.note', text: 'no node' })
    }
    // One window: no event is left for finish.
    const grouper = new NodeChunkGrouper({ ...sizes, minWindow: 60 })
    const window = grouper.addEvents(made as unknown as SequencedEvent[], 60)
    expect(grouper.finish()).toBeNull()
    for (const node of ['node1', 'node2', 'node3']) {
      const mine = (window?.rows ?? []).filter((r) => r.node === node).flatMap(rowEvents)
      // Read back as the same JSON, key order included.
      expect(mine.map((e) => JSON.stringify(e))).toEqual(
        made.filter((e) => e['node'] === node).map((e) => JSON.stringify(e)),
      )
    }
    expect(window?.rows.some((r) => r.node === undefined)).toBe(false)
  })

  it('holds no imported object past the call that gave it (an import reads a file of them)', () => {
    const grouper = new NodeChunkGrouper(sizes)
    const blocks = events(30, 3).map((e) => ({ ...e, kind: 'block.accepted', block: { n: e.seq } }))
    grouper.addEvents(blocks as unknown as SequencedEvent[], 30)
    // The JSON of each object is made once a call for every row; none is kept after it.
    const tables = (grouper as unknown as { noTables: { json: Map<unknown, string> } }).noTables
    expect(tables.json.size).toBe(0)
  })
})
