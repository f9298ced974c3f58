import { describe, expect, it } from 'vitest'
import type { SequencedEvent } from '../../../src/shared/api-types'
import { blockOf, describeEvent, logKindOf } from '../../../src/renderer/src/events/log-entries'

const ref = (height: number, hash: string) => ({
  hash: hash.padEnd(64, '0'),
  height,
  parent: 'p'.repeat(64),
  miner: 'node1',
  transactions: 0,
})

const EVENTS: SequencedEvent[] = [
  { seq: 1, kind: 'attack.withheld', clock: 3, node: 'node1', block: ref(1, 'aaaa1111') },
  {
    seq: 2,
    kind: 'attack.published',
    clock: 40,
    node: 'node1',
    blocks: [ref(3, 'bbbb2222'), ref(4, 'cccc3333')],
    rule: 'override',
    to: null,
  },
  {
    seq: 3,
    kind: 'attack.published',
    clock: 12,
    node: 'node1',
    blocks: [ref(1, 'dddd4444')],
    rule: 'feed-victim',
    to: 'node4',
  },
  {
    seq: 4,
    kind: 'attack.abandoned',
    clock: 90,
    node: 'node1',
    blocks: ['x', 'y'],
    rule: 'gave-up',
  },
]

describe('attack entries in the event log', () => {
  it('are logged under their own kind, naming what the attacker did and why', () => {
    expect(EVENTS.map(logKindOf)).toEqual(['attack', 'attack', 'attack', 'attack'])
    expect(EVENTS.map(describeEvent)).toEqual([
      'withheld its block #1 aaaa1111: kept from the network',
      'published 2 withheld blocks (#3–#4) to every peer: its lead of one orphans the honest block',
      'published 1 withheld block (#1) to node4 alone: the eclipsed victim sees only this chain',
      'abandoned 2 private blocks: 20 blocks behind, it gives up',
    ])
  })

  it('select the block withheld, or the highest block published', () => {
    expect(EVENTS.map(blockOf)).toEqual([
      'aaaa1111'.padEnd(64, '0'),
      'cccc3333'.padEnd(64, '0'),
      'dddd4444'.padEnd(64, '0'),
      null,
    ])
  })
})
