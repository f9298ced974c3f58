import type { NodeStatus } from '../../../shared/engine-terms'
import type { NodeSummary } from '../../../shared/api-types'

/** A status in words, for screen readers and tooltips (the graph shows it as colour and letter). */
export const STATUS_WORDS: Readonly<Record<NodeStatus, string>> = {
  idle: 'idle',
  mining: 'mining',
  'broadcasting-block': 'broadcasting a block',
  'broadcasting-tx': 'broadcasting a transaction',
  'receiving-block': 'receiving a block',
  'receiving-tx': 'receiving a transaction',
}

/**
 * A status as one or two letters, drawn beside the colour so that a status is never told by
 * colour alone (under deuteranopia receiving-tx and idle look alike). The legend shows them too.
 */
export const STATUS_LETTERS: Readonly<Record<NodeStatus, string>> = {
  idle: 'I',
  mining: 'M',
  'broadcasting-block': 'B',
  'broadcasting-tx': 'BT',
  'receiving-block': 'R',
  'receiving-tx': 'RT',
}

/**
 * A node's accessible name: its id, an attacker's strategy (the graph's ⚔ mark), its status in
 * words and its chain's height.
 */
export function nodeWords(
  node: Pick<NodeSummary, 'id' | 'status' | 'height' | 'strategy'>,
): string {
  const attack = node.strategy ? `, ⚔ attacker (${node.strategy})` : ''
  return `${node.id}${attack}, ${STATUS_WORDS[node.status]}, height ${node.height}`
}
