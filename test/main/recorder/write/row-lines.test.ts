import { describe, expect, it } from 'vitest'
import type { SequencedEvent } from '../../../../src/core/events'
import {
  commandLines,
  decodeLines,
  LineBuffer,
  transactionOf,
} from '../../../../src/main/recorder/write/row-lines'

// Names come from users (the API takes any account or node name): tabs, newlines, quotes and
// non-Latin text must come through the framing whole.
const odd = 'no\tde\n"1" ノード'

describe('the lines the recorder hands to its writer thread', () => {
  it('carry a command to its row, its command and result as JSON', () => {
    const text = commandLines({
      seq: 4,
      clock: 3,
      clockAfter: 3,
      origin: 'lab-api',
      command: { type: 'mine', node: odd },
      result: null,
      eventsBefore: 7,
    })
    expect(decodeLines(text).commands).toEqual([
      [4, 3, 3, 'lab-api', JSON.stringify({ type: 'mine', node: odd }), null, 7],
    ])
  })

  it('keep a result, and many commands one after another', () => {
    const one = { seq: 1, clock: 0, clockAfter: 5, origin: 'scenario' as const, eventsBefore: 0 }
    const text =
      commandLines({ ...one, command: { type: 'step', clocks: 5 }, result: null }) +
      commandLines({
        ...one,
        seq: 2,
        command: {
          type: 'submit-tx',
          node: 'node1',
          tx: { sender: 'so', recipient: 'aki', value: 1 },
        },
        result: { ok: false, reason: 'insufficient' } as never,
      })
    const { commands } = decodeLines(text)
    expect(commands.map((c) => c[0])).toEqual([1, 2])
    expect(JSON.parse(commands[1]![5]!)).toEqual({ ok: false, reason: 'insufficient' })
  })

  it('refuse a line that is not theirs rather than write a wrong row', () => {
    expect(() => decodeLines('X\t1\n')).toThrow(/unknown type/)
    // Events no longer travel as lines (event-codec.ts): an event line is a foreign one.
    expect(() => decodeLines('E\t1\t2\n')).toThrow(/unknown type/)
    expect(() => decodeLines('C\t1\t2\n')).toThrow(/fields/)
  })

  it('gather many commands in chunks of whole lines, read back in order', () => {
    const buffer = new LineBuffer()
    for (let seq = 1; seq <= 5_000; seq++)
      buffer.add({
        seq,
        clock: seq,
        clockAfter: seq + 1,
        origin: 'scenario',
        command: { type: 'submit-tx', node: odd, tx: { sender: odd, recipient: 'so', value: 1 } },
        result: null,
        eventsBefore: 0,
      })
    const chunks = buffer.take()
    expect(chunks.length).toBeGreaterThan(2)
    expect(chunks.every((chunk) => chunk.endsWith('\n'))).toBe(true)
    expect(decodeLines(chunks).commands.map((c) => c[0])).toEqual(
      Array.from({ length: 5_000 }, (_, i) => i + 1),
    )
    expect(buffer.take()).toEqual([])
  })
})

describe('a transaction row', () => {
  it('is where and when an event first saw the transaction', () => {
    const event = {
      seq: 9,
      clock: 3,
      node: 'node2',
      kind: 'tx.accepted',
      origin: { controller: true },
      tx: { id: 'tx\t1', sender: odd, recipient: 'so', value: 2 },
    } as Extract<SequencedEvent, { kind: 'tx.accepted' }>
    expect(transactionOf(event)).toEqual({
      id: 'tx\t1',
      sender: odd,
      recipient: 'so',
      value: 2,
      node: 'node2',
      clock: 3,
    })
  })
})
