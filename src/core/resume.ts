import type { HeldEntries } from './chain/block-tree'
import type { BlocksMark, CheckpointState, NetworkState } from './network/network-state'

// Saving a network and resuming it: the one interface the core offers whoever keeps runs (the
// recorder's checkpoints and replays, a branch, a shard worker). The core knows nothing of how a
// state is stored; the main side imports what it needs of this from here and nowhere deeper.
//
// - `exportState()` gives the whole state, every block in it: enough to resume anywhere (a
//   branch of a run, a shard in a worker).
// - `exportCheckpoint(marks)` gives it for a store that keeps every block already: no blocks, and
//   each node's accepted blocks only after its mark; `marksOf` that checkpoint gives the marks
//   for the next one, so a checkpoint costs what changed, not the whole chain.
// - `Network.fromState(config, state, options)` resumes it. `options.held` gives each node the
//   blocks it had accepted where the store keeps them (the state then need not list them), so
//   resuming a long run costs its recent blocks, not its whole chain.

export type { HeldEntries } from './chain/block-tree'
export type {
  BlocksMark,
  CheckpointState,
  NetworkState,
  NodeCheckpoint,
  NodeState,
} from './network/network-state'

/** How far each node's block list went at the last checkpoint, by node. */
export type CheckpointMarks = Readonly<Record<string, BlocksMark>>

/** What a network offers to be saved. */
export interface Resumable {
  /** The whole state of the owned nodes, links and counters, as plain JSON-safe data. */
  exportState(): NetworkState
  /** The state for a checkpoint, each node's blocks listed from its mark on (all without one). */
  exportCheckpoint(marks?: CheckpointMarks): CheckpointState
}

/** How a network is resumed, besides its config and state. */
export interface ResumeOptions {
  /** The nodes this network runs (a shard's); every node when left out. */
  readonly owned?: Iterable<string>
  /** Each node's accepted blocks, kept by the store; the state's block lists are then not read. */
  readonly held?: (nodeId: string) => HeldEntries
}

/** The marks a checkpoint leaves, for the next one to list only what came after. */
export function marksOf(checkpoint: CheckpointState): CheckpointMarks {
  return Object.fromEntries(
    checkpoint.nodes.map((n) => [n.id, { tree: n.tree, count: n.blocksFrom + n.blocks.length }]),
  )
}
