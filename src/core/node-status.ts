/** What a node is doing during one clock; the spec's six statuses. */
export const NODE_STATUSES = [
  'idle',
  'mining',
  'broadcasting-block',
  'broadcasting-tx',
  'receiving-block',
  'receiving-tx',
] as const

export type NodeStatus = (typeof NODE_STATUSES)[number]

/**
 * A status's place in NODE_STATUSES: how the compact forms write it (a tick's digits, a shard's
 * briefs, an event log's status rows). Not the spec's code (STATUS_CODE), which starts at 1.
 */
export const STATUS_INDEX: ReadonlyMap<NodeStatus, number> = new Map(
  NODE_STATUSES.map((status, i) => [status, i]),
)

/** The one table that maps a status to the numeric code of the spec (and of the legacy dialect). */
export const STATUS_CODE: Readonly<Record<NodeStatus, number>> = {
  idle: 1,
  mining: 2,
  'broadcasting-block': 3,
  'broadcasting-tx': 4,
  'receiving-block': 5,
  'receiving-tx': 6,
}

/** How many clocks each activity costs (spec: "Time: what costs clocks"). */
export const ACTIVITY_CLOCKS = {
  mine: 3,
  broadcastBlock: 1,
  broadcastTx: 1,
  receiveBlock: 1,
  receiveTx: 1,
} as const
