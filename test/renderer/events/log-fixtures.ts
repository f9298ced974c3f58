import type { Block } from '../../../src/core/chain/block'
import type { SequencedEvent } from '../../../src/shared/api-types'

/** A 64-hex hash whose first characters say what it is, for reading the log's short hashes. */
export const hash = (name: string): string => name.padEnd(64, '0')

export const block = (name: string, height: number, miner: string): Block => ({
  id: height,
  hash: hash(name),
  previous_block_hash: hash('parent'),
  nonce: 7,
  timestamp: '2026/11/29 00:00:00',
  miner,
  transactions: [{ sender: 'aki', recipient: 'so', value: 3, id: 'tx1' }],
})

/** The events of a fork and its resolution, as the engine sends them. */
export function forkStory(): SequencedEvent[] {
  return [
    { seq: 1, clock: 3, node: 'node1', kind: 'link.cut', peer: 'node2' },
    { seq: 2, clock: 7, node: 'node1', kind: 'block.mined', block: block('aaaa1111', 1, 'node1') },
    { seq: 3, clock: 7, node: 'node2', kind: 'block.mined', block: block('bbbb2222', 1, 'node2') },
    {
      seq: 4,
      clock: 8,
      node: 'node3',
      kind: 'message.dropped',
      id: 9,
      type: 'NEW_BLOCK',
      from: 'node1',
      subject: hash('aaaa1111'),
      reason: 'link-cut',
    },
    {
      seq: 5,
      clock: 8,
      node: 'node3',
      kind: 'message.dropped',
      id: 10,
      type: 'NEW_BLOCK',
      from: 'node2',
      subject: hash('bbbb2222'),
      reason: 'known',
    },
    {
      seq: 6,
      clock: 12,
      node: 'node2',
      kind: 'block.refused',
      block: block('cccc3333', 2, 'node3'),
      from: 'node3',
      reason: 'insufficient-work',
    },
    {
      seq: 7,
      clock: 14,
      node: 'node1',
      kind: 'chain.reorg',
      oldTip: hash('aaaa1111'),
      newTip: hash('dddd4444'),
      depth: 1,
      abandoned: [hash('aaaa1111')],
      adopted: [hash('bbbb2222'), hash('dddd4444')],
      returned: [],
    },
    {
      seq: 8,
      clock: 15,
      node: 'node2',
      kind: 'tx.refused',
      tx: { sender: 'aki', recipient: 'so', value: 50, id: 'tx9' },
      origin: { controller: true },
      reason: 'insufficient-balance',
    },
  ]
}

/** `count` accepted-block entries spread over three nodes, for the long-log tests. */
export function manyAcceptances(count: number): SequencedEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    seq: i + 1,
    clock: Math.floor(i / 3),
    node: `node${(i % 3) + 1}`,
    kind: 'block.accepted' as const,
    block: { hash: hash(`b${i}`), height: i, parent: hash('p'), miner: 'node1', transactions: 0 },
    from: 'node1',
    onMainChain: true,
  }))
}

const accepted = (
  seq: number,
  clock: number,
  node: string,
  name: string,
  height: number,
  parent: string,
  miner: string,
): SequencedEvent => ({
  seq,
  clock,
  node,
  kind: 'block.accepted',
  block: { hash: hash(name), height, parent: hash(parent), miner, transactions: 1 },
  from: null,
  onMainChain: true,
})

/**
 * A fork's blocks as the nodes accept them: node1 alone mines aaaa (height 1); node2 mines bbbb
 * (1) and node3 cccc on it (2), on the other side of the cut; after the heal node1 takes both.
 */
export function forkAcceptances(): SequencedEvent[] {
  return [
    { seq: 1, clock: 7, node: 'node1', kind: 'block.mined', block: block('aaaa', 1, 'node1') },
    accepted(2, 7, 'node1', 'aaaa', 1, 'genesis', 'node1'),
    accepted(3, 7, 'node2', 'bbbb', 1, 'genesis', 'node2'),
    accepted(4, 8, 'node3', 'bbbb', 1, 'genesis', 'node2'),
    accepted(5, 13, 'node3', 'cccc', 2, 'bbbb', 'node3'),
    accepted(6, 14, 'node2', 'cccc', 2, 'bbbb', 'node3'),
    accepted(7, 20, 'node1', 'bbbb', 1, 'genesis', 'node2'),
    accepted(8, 20, 'node1', 'cccc', 2, 'bbbb', 'node3'),
  ]
}
