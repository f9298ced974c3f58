// The engine's vocabulary the renderer uses, handed on through the contract: the renderer imports
// only shared/ (and its own), so what it needs of the core passes here, named once.
export { NODE_STATUSES, type NodeStatus } from '../core/node-status'
export { MESSAGE_TYPES, type MessageType } from '../core/network/message'
export { formatGenesis, parseGenesis } from '../core/config'
export { BLOCK_REFUSAL_TEXT } from '../core/chain/block'
export { TX_REFUSAL_TEXT } from '../core/chain/transaction'
export { DROP_REASONS } from '../core/events'
export type { EngineEventKind } from '../core/events'
