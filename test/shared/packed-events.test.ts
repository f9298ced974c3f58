import { describe, expect, it } from 'vitest'
import { createConfig } from '../../src/core/config'
import type { SequencedEvent } from '../../src/core/events'
import { DELIVERED_KEYS, DROPPED_KEYS, SENT_KEYS, STATUS_KEYS } from '../../src/core/event-log'
import { Network } from '../../src/core/network/network'
import {
  PACKED_KEYS,
  packEvents,
  unpackEvents,
  type PackedEvents,
} from '../../src/shared/packed-events'

/** A network's events: blocks mined and relayed, transfers, links cut and healed, a restart. */
function engineEvents(): SequencedEvent[] {
  const network = new Network(
    createConfig({
      nodes: 8,
      difficulty: 4,
      latency: 1,
      latencySpread: 2,
      autoMine: { interval: 5, hashPower: null },
      workload: { rate: 0.5, minValue: 1, maxValue: 2 },
    }),
  )
  network.start()
  network.step(30)
  network.cutLink('node1', 'node2')
  network.step(20)
  network.healLink('node1', 'node2')
  network.restart('node3')
  network.step(30)
  return network.drainEvents()
}

/** Through the stream and back: packed, written, parsed, unpacked. */
const throughStream = (events: readonly SequencedEvent[], from = 0, maxChars = Infinity) => {
  const { text, to } = packEvents(events, from, maxChars)
  return { events: unpackEvents(JSON.parse(text) as PackedEvents), to, text }
}

describe('engine events packed for the UI stream', () => {
  it('gives back every event as it was: the same keys, in the same order, the same values', () => {
    const events = engineEvents()
    const kinds = new Set(events.map((e) => e.kind))
    for (const kind of Object.keys(PACKED_KEYS)) expect(kinds).toContain(kind)
    expect(kinds.size).toBeGreaterThan(Object.keys(PACKED_KEYS).length) // objects among rows
    const back = throughStream(events).events
    expect(back.map((e) => JSON.stringify(e))).toEqual(events.map((e) => JSON.stringify(e)))
  })

  it('is a fraction of the events as JSON', () => {
    const events = engineEvents()
    expect(throughStream(events).text.length).toBeLessThan(JSON.stringify(events).length / 4)
  })

  it('packs the kinds in the shapes the engine makes them', () => {
    expect(PACKED_KEYS['message.sent']).toEqual(SENT_KEYS)
    expect(PACKED_KEYS['message.delivered']).toEqual(DELIVERED_KEYS)
    expect(PACKED_KEYS['message.dropped']).toEqual(DROPPED_KEYS)
    expect(PACKED_KEYS['node.status']).toEqual(STATUS_KEYS)
  })

  it('keeps an event of a packed kind but another shape as the object it is', () => {
    const odd = [
      {
        kind: 'node.status',
        clock: 1,
        node: 'node1',
        status: 'idle',
        previous: 'mining',
        seq: 1,
        extra: 1,
      },
      { kind: 'node.status', clock: 1, node: 'node1', previous: 'mining', status: 'idle', seq: 2 },
      {
        kind: 'message.sent',
        clock: Number.NaN,
        node: 'a',
        id: 1,
        type: 'INV',
        to: 'b',
        subject: 'x',
        ready: 2,
        seq: 3,
      },
      {
        kind: 'message.delivered',
        clock: 2,
        node: 'a',
        id: 1,
        type: 'INV',
        from: null,
        subject: 'x',
        seq: 4,
      },
      {
        kind: 'block.accepted',
        clock: 3,
        node: 'a',
        block: { hash: 'h', height: 1, parent: 'p', miner: null, transactions: 0 },
        from: null,
        onMainChain: true,
        seq: 5,
      },
      {
        kind: 'block.accepted',
        clock: 3,
        node: 'b',
        block: { hash: 'h', height: 1, parent: 'p', miner: 'a', transactions: 0, extra: 1 },
        from: 'a',
        onMainChain: false,
        seq: 6,
      },
    ] as unknown as SequencedEvent[]
    const { events, text } = throughStream(odd)
    expect(events.map((e) => JSON.stringify(e))).toEqual(odd.map((e) => JSON.stringify(e)))
    // Only the acceptance made as the engine makes it (a miner and a sender of none) is a row.
    expect((JSON.parse(text) as PackedEvents).o).toHaveLength(5)
  })

  it('keeps as objects the numbers a difference would not carry exactly, and inherited keys', () => {
    const status = (clock: number, seq: number) =>
      ({ kind: 'node.status', clock, node: 'a', status: 'idle', previous: 'mining', seq }) as const
    const sent = (clock: number, ready: number) =>
      ({
        kind: 'message.sent',
        clock,
        node: 'a',
        id: 1,
        type: 'INV',
        to: 'b',
        subject: 's',
        ready,
        seq: 9,
      }) as const
    const inherited = Object.assign(Object.create({ seq: 12 }) as object, {
      kind: 'node.status',
      clock: 1,
      node: 'a',
      status: 'idle',
      previous: 'mining',
    })
    const odd = [
      status(1.5, 1),
      status(2, 2 ** 53 + 2),
      status(1e300, 3),
      status(1, 4),
      sent(-Number.MAX_VALUE, Number.MAX_VALUE),
      sent(-(2 ** 52), 2 ** 52),
      inherited,
    ] as unknown as SequencedEvent[]
    const { events, text } = throughStream(odd)
    expect(events.map((e) => JSON.stringify(e))).toEqual(odd.map((e) => JSON.stringify(e)))
    // Only the status at clock 1 is a row: every other number here a step would not carry.
    expect((JSON.parse(text) as PackedEvents).o).toHaveLength(6)
  })

  it('keeps a block acceptance whose miner is missing as an object', () => {
    const accepted = {
      kind: 'block.accepted',
      clock: 3,
      node: 'a',
      block: { hash: 'h', height: 1, parent: 'p', miner: undefined, transactions: 0 },
      from: 'b',
      onMainChain: true,
      seq: 5,
    } as unknown as SequencedEvent
    const { events, text } = throughStream([accepted])
    expect(JSON.stringify(events)).toBe(JSON.stringify([accepted]))
    expect((JSON.parse(text) as PackedEvents).o).toHaveLength(1)
  })

  it('packs at least one event a piece, however small the piece asked for', () => {
    const events = engineEvents().slice(0, 5)
    expect(throughStream(events, 2, 0)).toMatchObject({ to: 3, events: [events[2]] })
  })

  it('packs a piece of about the size asked for, and the next piece goes on from there', () => {
    const events = engineEvents()
    const pieces: SequencedEvent[] = []
    let from = 0
    let count = 0
    while (from < events.length) {
      const piece = throughStream(events, from, 2_000)
      expect(piece.text.length).toBeLessThan(2_000 + 1_000)
      pieces.push(...piece.events)
      from = piece.to
      count++
    }
    expect(count).toBeGreaterThan(2)
    expect(pieces).toEqual(events)
  })

  it('refuses a packing it cannot read whole', () => {
    expect(() => unpackEvents({ s: [], r: [1, 0, 0], o: [] })).toThrow(/no string/)
    expect(() => unpackEvents({ s: ['a'], r: [4, 0, 0, 0], o: [] })).toThrow(/end inside a row/)
    expect(() => unpackEvents({ s: [], r: [0], o: [] })).toThrow(/lack an object/)
    expect(() => unpackEvents({ s: [], r: [9, 0, 0], o: [] })).toThrow()
  })
})
