/** Every order in which a controller can step the three nodes within one clock. */
export const STEPPING_ORDERS = [
  ['node1', 'node2', 'node3'],
  ['node1', 'node3', 'node2'],
  ['node2', 'node1', 'node3'],
  ['node2', 'node3', 'node1'],
  ['node3', 'node1', 'node2'],
  ['node3', 'node2', 'node1'],
] as const

/**
 * The spec's observable timeline: node1's statuses, then node2's and node3's, at clocks 0..10,
 * after `tx/add` to node1 at clock 0 and `mine` on node1 at clock 4.
 */
export const SPEC_TIMELINE = [
  'idle idle idle',
  'receiving-tx idle idle',
  'broadcasting-tx receiving-tx receiving-tx',
  'idle broadcasting-tx broadcasting-tx',
  'idle idle idle',
  'mining idle idle',
  'mining idle idle',
  'mining idle idle',
  'broadcasting-block receiving-block receiving-block',
  'idle broadcasting-block broadcasting-block',
  'idle idle idle',
] as const
