import { describe, expect, it } from 'vitest'
import {
  DELIVERED_KEYS,
  DROPPED_KEYS,
  EventLog,
  allRows,
  ROW_DELIVERED,
  ROW_DROPPED,
  ROW_OBJECT,
  ROW_SENT,
  ROW_STATUS,
  SENT_KEYS,
  roomAfter,
  STATUS_KEYS,
} from '../../src/core/event-log'
import { GOLDEN_CASES } from '../support/golden'
import { goldenLogs } from '../support/event-logs'
import type { MessagePayload } from '../../src/core/network/message'

const COLUMN_KINDS = new Map([
  ['message.sent', { row: ROW_SENT, keys: SENT_KEYS }],
  ['message.delivered', { row: ROW_DELIVERED, keys: DELIVERED_KEYS }],
  ['message.dropped', { row: ROW_DROPPED, keys: DROPPED_KEYS }],
  ['node.status', { row: ROW_STATUS, keys: STATUS_KEYS }],
])
const MESSAGE_KINDS = new Set(['message.sent', 'message.delivered', 'message.dropped'])

describe('a network keeps message events as columns and makes them into objects on demand', () => {
  // The objects themselves are pinned by the golden streams, which read them through toArray.
  GOLDEN_CASES.forEach((golden, i) => {
    it(golden.name, () => {
      let seq = 1
      const seen = new Set<number>()
      for (const log of goldenLogs(i)) {
        const events = log.toArray()
        expect(events).toHaveLength(log.length)
        expect(log.firstSeq).toBe(seq)
        events.forEach((event, row) => {
          expect(event.seq).toBe(seq++)
          expect(log.seqAt(row)).toBe(event.seq)
          const column = COLUMN_KINDS.get(event.kind)
          expect(log.kindAt(row)).toBe(column?.row ?? ROW_OBJECT)
          seen.add(log.kindAt(row))
          // Keys in the order the engine always made them: the JSON stored and answered.
          if (column) expect(Object.keys(event)).toEqual(column.keys)
          else expect(log.objectAt(row)).toBe(event)
        })
        expect(log.withoutMessages()).toEqual(events.filter((e) => !MESSAGE_KINDS.has(e.kind)))
        expect([...log]).toEqual(events)
      }
      if (i === 1)
        expect(seen).toEqual(
          new Set([ROW_OBJECT, ROW_SENT, ROW_DELIVERED, ROW_DROPPED, ROW_STATUS]),
        )
    })
  })

  it('a log of events made elsewhere (a worker host merges its shards) keeps their seqs', () => {
    const made = goldenLogs(1).flatMap((log) => log.toArray())
    const log = EventLog.fromEvents(made.slice(5, 40))
    expect(log.length).toBe(35)
    expect(log.firstSeq).toBe(made[5]!.seq)
    expect(log.toArray()).toEqual(made.slice(5, 40))
    for (let row = 0; row < log.length; row++) {
      expect(log.kindAt(row)).toBe(ROW_OBJECT)
      expect(log.seqAt(row)).toBe(made[5 + row]!.seq)
    }
  })

  it('logs shipped to another thread and joined there make the same events, renumbered', () => {
    const logs = goldenLogs(1)
    const made = logs.flatMap((log) => log.toArray())
    // What a worker host receives: each shard's log cloned, as postMessage clones it, its objects
    // numbered as the shard numbered them (here: not at all).
    const shipped = logs.map((log) => {
      const clone = structuredClone(log.ship())
      for (let row = 0; row < clone.rows; row++)
        if (clone.columns.kinds[row] === ROW_OBJECT)
          (clone.refs[clone.refIndex[row]!] as { seq: number }).seq = -1
      return clone
    })
    const joined = EventLog.joined(logs[0]!.names, 1, shipped.map(allRows))
    expect(joined.length).toBe(made.length)
    expect(joined.toArray()).toEqual(made)
    for (let row = 0; row < joined.length; row++) expect(joined.seqAt(row)).toBe(row + 1)
    // Joined from a later seq, every row follows it, object rows included.
    const later = EventLog.joined(
      logs[0]!.names,
      101,
      logs.slice(1).map((log) => allRows(structuredClone(log.ship()))),
    )
    expect(later.toArray().map((e) => e.seq)).toEqual(
      Array.from({ length: later.length }, (_, i) => 101 + i),
    )
    expect(later.toArray().map(({ seq: _, ...e }) => e)).toEqual(
      made.slice(logs[0]!.length).map(({ seq: _, ...e }) => e),
    )
    expect(EventLog.joined([], 7, []).length).toBe(0)
  })

  it('pieces of one shipped log join as their rows, in the order given', () => {
    // A shard ships one log a step and a piece of it a clock; the host orders the pieces of
    // several shards by clock, so a piece may come before an earlier one of the same log.
    // The longest log a golden run drained: rows of every kind, objects among them.
    const log = goldenLogs(1).reduce((a, b) => (b.length > a.length ? b : a))
    const kinds = new Set(Array.from({ length: log.length }, (_, row) => log.kindAt(row)))
    expect([...kinds].sort()).toEqual(
      [ROW_OBJECT, ROW_SENT, ROW_DELIVERED, ROW_DROPPED, ROW_STATUS].sort(),
    )
    const made = log.toArray()
    const shipped = structuredClone(log.ship())
    const cut = [0, 3, 10, made.length]
    const pieces = [2, 0, 1].map((i) => ({ log: shipped, from: cut[i]!, to: cut[i + 1]! }))
    const joined = EventLog.joined(log.names, 1, pieces)
    const expected = [...made.slice(10), ...made.slice(0, 3), ...made.slice(3, 10)]
    expect(joined.toArray().map(({ seq: _, ...e }) => e)).toEqual(
      expected.map(({ seq: _, ...e }) => e),
    )
    expect(joined.toArray().map((e) => e.seq)).toEqual(made.map((_, i) => 1 + i))
    expect(EventLog.joined(log.names, 1, [{ log: shipped, from: 4, to: 4 }]).length).toBe(0)
  })

  it('keeps a payload once for a run of rows that share it, each row reading its own', () => {
    const block = { type: 'NEW_BLOCK', block: { hash: 'b1' } } as unknown as MessagePayload
    const ack = { type: 'ACK_BLOCK', hash: 'b1' } as MessagePayload
    const log = new EventLog(['a', 'b', 'c'], 1, 2)
    // A broadcast, a status change, two arrivals of the broadcast's payload, an ack, an object
    // event, and the broadcast's payload again after them.
    log.sent(1, 0, 1, 1, block, 2)
    log.sent(1, 0, 2, 2, block, 2)
    log.status(1, 0, 'mining', 'idle')
    log.dropped(2, 1, 0, 1, block, 'known')
    log.delivered(2, 2, 0, 2, block)
    log.sent(2, 2, 0, 1, ack, 3)
    const event = log.push({ kind: 'node.started', clock: 2, node: 'c' })
    log.dropped(3, 1, 2, 3, block, 'link-cut')
    expect(
      Array.from({ length: 8 }, (_, row) => (row === 2 || row === 6 ? null : log.payloadAt(row))),
    ).toEqual([block, block, null, block, block, ack, null, block])
    expect(log.objectAt(6)).toBe(event)
    expect(log.seqAt(6)).toBe(7)
    const shipped = log.ship()
    expect(shipped.refs).toEqual([block, ack, event, block])
    expect([...shipped.refIndex]).toEqual([0, 0, -1, 0, 0, 1, 2, 3])
    const joined = EventLog.joined(log.names, 1, [
      { log: structuredClone(shipped), from: 2, to: 8 },
    ])
    expect(joined.toArray()).toEqual(
      log
        .toArray()
        .slice(2)
        .map((e, i) => ({ ...e, seq: 1 + i })),
    )
  })

  it("a network's next log starts with room for as many rows as the last, within bounds", () => {
    // Three nodes make a few events a clock: their logs start small rather than 1,024 rows each.
    expect([0, 1, 16, 17, 40, 1_000, 1_024, 50_000].map(roomAfter)).toEqual([
      16, 16, 16, 32, 64, 1_024, 1_024, 1_024,
    ])
    // A log that starts small grows as a busy clock needs, and keeps every row.
    const made = goldenLogs(1).flatMap((log) => log.toArray())
    const log = new EventLog([], 1, roomAfter(0))
    for (const event of made) log.push({ ...event })
    expect(log.length).toBe(made.length)
    expect(log.toArray()).toEqual(made.map((e, i) => ({ ...e, seq: 1 + i })))
  })
})
