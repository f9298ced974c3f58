import { afterEach, describe, expect, it } from 'vitest'
import type { SequencedEvent } from '../../../../src/core/events'
import { createBacklog, EVENT_STREAM_BUDGET } from '../../../../src/main/http/lab-api/sse'
import { unpackEvents, type PackedEvents } from '../../../../src/shared/packed-events'

const perClient = EVENT_STREAM_BUDGET.perClient
afterEach(() => {
  EVENT_STREAM_BUDGET.perClient = perClient
})

/** A batch of `n` status events from seq `first` on, about 100 bytes each as JSON. */
function batch(first: number, n: number): SequencedEvent[] {
  return Array.from(
    { length: n },
    (_, i) =>
      ({
        kind: 'node.status',
        clock: first + i,
        node: `node${i % 50}`,
        status: i % 2 ? 'idle' : 'mining',
        previous: i % 2 ? 'mining' : 'idle',
        seq: first + i,
      }) as SequencedEvent,
  )
}

/**
 * A client of the backlog that takes what was written only when told to read: what it has not
 * taken yet is the response's writableLength, as a socket's unread bytes are.
 */
function slowClient(packed: boolean) {
  const res = { writableLength: 0, writableEnded: false }
  const seqs: number[] = []
  let overflowed: number | null = null
  const backlog = createBacklog(
    res,
    (chunk) => {
      res.writableLength += chunk.length
      const data = /^event: engine\ndata: (.*)\n\n$/s.exec(chunk)?.[1]
      if (!data) return
      const parsed = JSON.parse(data) as SequencedEvent[] | PackedEvents
      const events = packed ? unpackEvents(parsed as PackedEvents) : (parsed as SequencedEvent[])
      for (const event of events) seqs.push(event.seq)
    },
    (backlogBytes) => (overflowed = backlogBytes),
    packed,
  )
  return {
    backlog,
    seqs,
    overflowed: () => overflowed,
    read() {
      res.writableLength = 0
      backlog.pump()
    },
  }
}

describe("the UI stream's backlog", () => {
  it.each([false, true])(
    'never overflows a client that reads as fast as batches come, over many times its budget (packed: %s)',
    (packed) => {
      EVENT_STREAM_BUDGET.perClient = 64 * 1024
      const client = slowClient(packed)
      // Two batches a round, each more than the client is written before it reads again (half
      // its budget): the second comes while the first waits, and what the backlog estimates to
      // wait behind it (nothing: the first is being sent) decides whether it overflows.
      const size = packed ? 3_000 : 400
      let seq = 1
      for (let round = 0; round < 30; round++) {
        for (let i = 0; i < 2; i++) {
          client.backlog.push(batch(seq, size))
          seq += size
        }
        for (let i = 0; i < 4; i++) client.read()
      }
      for (let i = 0; i < 10; i++) client.read()
      expect(client.overflowed()).toBeNull()
      expect(client.seqs).toEqual(Array.from({ length: seq - 1 }, (_, i) => i + 1))
    },
  )

  it.each([false, true])(
    'overflows a client that stops reading once what waits passes its budget (packed: %s)',
    (packed) => {
      EVENT_STREAM_BUDGET.perClient = 64 * 1024
      const client = slowClient(packed)
      let seq = 1
      for (let round = 0; round < 60 && client.overflowed() === null; round++) {
        client.backlog.push(batch(seq, 400))
        seq += 400
      }
      expect(client.overflowed()).toBeGreaterThan(64 * 1024)
    },
  )
})
