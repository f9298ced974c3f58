import { describe, expect, it } from 'vitest'
import type { SequencedEvent } from '../../../../src/core/events'
import {
  commandLines,
  decodeLines,
  LineBuffer,
} from '../../../../src/main/recorder/write/row-lines'

// Names come from users (the API takes any account or node name): tabs, newlines, quotes and
// non-Latin text must come through the framing whole.
const odd = 'no\tde\n"1" ノード'

const events: SequencedEvent[] = [
  { seq: 8, clock: 3, node: odd, kind: 'mine.requested' } as SequencedEvent,
  {
    seq: 9,
    clock: 3,
    node: 'node2',
    kind: 'tx.accepted',
    origin: { controller: true },
    tx: { id: 'tx\t1', sender: odd, recipient: 'so', value: 2 },
  } as SequencedEvent,
]

describe('the lines the recorder hands to its writer thread', () => {
  it('carry a command and its events to rows, each event as its own JSON', () => {
    const text = commandLines({
      seq: 4,
      clock: 3,
      clockAfter: 3,
      origin: 'lab-api',
      command: { type: 'mine', node: odd },
      result: null,
      eventsBefore: 7,
      events,
    })
    const decoded = decodeLines(text)
    expect(decoded.commands).toEqual([
      [4, 3, 3, 'lab-api', JSON.stringify({ type: 'mine', node: odd }), null, 7],
    ])
    expect(decoded.events).toEqual(
      events.map((e) => [e.seq, e.clock, e.node, e.kind, JSON.stringify(e)]),
    )
    expect(decoded.transactions).toEqual([
      { id: 'tx\t1', sender: odd, recipient: 'so', value: 2, node: 'node2', clock: 3 },
    ])
  })

  it('keep a result, and many commands one after another', () => {
    const one = { seq: 1, clock: 0, clockAfter: 5, origin: 'scenario' as const, eventsBefore: 0 }
    const text =
      commandLines({ ...one, command: { type: 'step', clocks: 5 }, result: null, events: [] }) +
      commandLines({
        ...one,
        seq: 2,
        command: {
          type: 'submit-tx',
          node: 'node1',
          tx: { sender: 'so', recipient: 'aki', value: 1 },
        },
        result: { ok: false, reason: 'insufficient' } as never,
        events: [],
      })
    const { commands } = decodeLines(text)
    expect(commands.map((c) => c[0])).toEqual([1, 2])
    expect(JSON.parse(commands[1]![5]!)).toEqual({ ok: false, reason: 'insufficient' })
  })

  it('refuse a line that is not theirs rather than write a wrong row', () => {
    expect(() => decodeLines('X\t1\n')).toThrow(/unknown type/)
    expect(() => decodeLines('E\t1\t2\n')).toThrow(/fields/)
  })

  it('gather a huge command in chunks of whole lines, read back in order', () => {
    const many: SequencedEvent[] = Array.from({ length: 20_000 }, (_, i) => ({
      ...events[1]!,
      seq: i + 1,
      clock: i,
    }))
    const buffer = new LineBuffer()
    buffer.add({
      seq: 1,
      clock: 0,
      clockAfter: 9,
      origin: 'scenario',
      command: { type: 'step', clocks: 9 },
      result: null,
      eventsBefore: 0,
      events: many,
    })
    const chunks = buffer.take()
    expect(chunks.length).toBeGreaterThan(2)
    expect(chunks.every((chunk) => chunk.endsWith('\n'))).toBe(true)
    expect(decodeLines(chunks).events.map((e) => e[0])).toEqual(many.map((e) => e.seq))
    expect(buffer.take()).toEqual([])
  })
})
