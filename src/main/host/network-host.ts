import type { Block } from '../../core/chain/block'
import type { LinkSummary, NodeSummary } from '../../shared/api-types'
import type { Command, CommandResult } from '../../core/commands'
import type { NetworkConfig } from '../../core/config'
import type { EngineEventKind } from '../../core/events'
import type { EventLog } from '../../core/event-log'
import type { NodeSnapshot, PeerView, TreeBlock } from '../../core/snapshot-types'
import type { CheckpointMarks, CheckpointState, NetworkState } from '../../core/resume'

/**
 * A node's state in brief: what the overview and `status` need, cheap to produce for many nodes.
 * The overview's NodeSummary without the port, which only the main side knows.
 */
export type NodeBrief = Omit<NodeSummary, 'port'>

/** Read-only questions about the network, answered at the node's current clock. */
export type Query =
  | { readonly type: 'briefs' }
  | { readonly type: 'brief'; readonly node: string }
  | { readonly type: 'clock' }
  | { readonly type: 'links' }
  | { readonly type: 'node'; readonly node: string }
  | { readonly type: 'chain'; readonly node: string }
  | { readonly type: 'block'; readonly node: string; readonly height: number | 'latest' }
  | { readonly type: 'tree'; readonly node: string }
  | { readonly type: 'block-by-hash'; readonly node: string; readonly hash: string }
  | { readonly type: 'peers'; readonly node: string }
  /** The whole state, to resume it elsewhere (a branch). */
  | { readonly type: 'state' }
  /** The state for a recorder's checkpoint, block lists from the marks of the last one. */
  | { readonly type: 'checkpoint'; readonly since?: CheckpointMarks }

export interface QueryResults {
  briefs: NodeBrief[]
  brief: NodeBrief
  clock: number
  links: LinkSummary[]
  node: NodeSnapshot
  chain: Block[]
  block: Block | null
  tree: TreeBlock[]
  'block-by-hash': Block | null
  peers: PeerView[]
  state: NetworkState
  checkpoint: CheckpointState
}

export type QueryResult<Q extends Query> = QueryResults[Q['type']]

/** How a host is built besides its network. */
export interface HostOptions {
  /** Only these kinds of events are made (default: all); see the core's EventFilter. */
  readonly events?: readonly EngineEventKind[] | null
}

/**
 * Where the nodes run: in this thread or across worker threads. Everything above it (the lab
 * service, HTTP, IPC, the recorder) sees only this interface.
 */
export interface NetworkHost {
  readonly config: NetworkConfig
  readonly mode: 'in-process' | 'workers'
  readonly workers: number
  /**
   * Applies a command; the events it caused are returned in order, message events as columns
   * where the network made them so (EventLog.toArray makes them all objects).
   */
  execute(command: Command): Promise<{ result: CommandResult; events: EventLog }>
  query<Q extends Query>(query: Q): Promise<QueryResult<Q>>
  close(): Promise<void>
}
