import type { Block } from '../../core/chain/block'
import type { HeldEntries } from '../../core/chain/block-tree'
import type { NetworkState, NodeState } from '../../core/network/network-state'

/**
 * A checkpoint as stored: the network state with every block hash replaced by the block's
 * ordinal in the run. Blocks live once in the blocks table; a hundred nodes holding the same
 * chain cost a hundred short integer lists, not a hundred copies of it.
 */
export interface StoredCheckpoint {
  readonly version: 1
  readonly links: NetworkState['links']
  readonly started: NetworkState['started']
  readonly messageSeq: NetworkState['messageSeq']
  readonly nodes: readonly (Omit<NodeState, 'blocks' | 'tip' | 'orphans'> & {
    /** The node's block ordinals as runs of consecutive numbers: [first, count] pairs. */
    readonly blocks: readonly (readonly [number, number])[]
    readonly tip: number
    readonly orphans: readonly number[]
  })[]
}

/** [0, 1, 2, 3, 7, 8] → [[0, 4], [7, 2]]: nodes mostly hold the run's blocks in its order. */
function toRuns(ordinals: readonly number[]): [number, number][] {
  const runs: [number, number][] = []
  for (const n of ordinals) {
    const last = runs[runs.length - 1]
    if (last && last[0] + last[1] === n) last[1]++
    else runs.push([n, 1])
  }
  return runs
}

function fromRuns(runs: readonly (readonly [number, number])[]): number[] {
  const ordinals: number[] = []
  for (const [first, count] of runs) for (let i = 0; i < count; i++) ordinals.push(first + i)
  return ordinals
}

/** Encodes a state; `ordinalOf` must know every block the state holds (genesis is ordinal 0). */
export function encodeCheckpoint(
  state: NetworkState,
  ordinalOf: (hash: string) => number,
): StoredCheckpoint {
  return {
    version: 1,
    links: state.links,
    started: state.started,
    messageSeq: state.messageSeq,
    nodes: state.nodes.map((node) => ({
      ...node,
      blocks: toRuns(node.blocks.map(ordinalOf)),
      tip: ordinalOf(node.tip),
      orphans: node.orphans.map(ordinalOf),
    })),
  }
}

export function decodeCheckpoint(
  stored: StoredCheckpoint,
  blockAt: (ordinal: number) => Block,
): NetworkState {
  const blocks: Record<string, Block> = {}
  const hashOf = (ordinal: number): string => {
    const block = blockAt(ordinal)
    blocks[block.hash] = block
    return block.hash
  }
  const nodes = stored.nodes.map((node) => ({
    ...node,
    blocks: fromRuns(node.blocks).map(hashOf),
    tip: hashOf(node.tip),
    orphans: node.orphans.map(hashOf),
  }))
  return {
    version: 1,
    links: stored.links,
    started: stored.started,
    messageSeq: stored.messageSeq,
    nodes,
    blocks,
  }
}

/**
 * Decodes a state whose nodes' accepted blocks stay where they are: each node gets a view over
 * the run's blocks (`heldBy`) instead of a list of hashes, so resuming costs no more for a long
 * chain than for a short one. Only orphans are listed.
 */
export function decodeCheckpointHeld(
  stored: StoredCheckpoint,
  index: {
    block(ordinal: number): Block
    held(runs: readonly (readonly [number, number])[]): HeldEntries
  },
): { state: NetworkState; heldBy: (nodeId: string) => HeldEntries } {
  const blocks: Record<string, Block> = {}
  const held = new Map<string, HeldEntries>()
  const nodes = stored.nodes.map((node) => {
    held.set(node.id, index.held(node.blocks))
    const orphans = node.orphans.map((ordinal) => {
      const block = index.block(ordinal)
      blocks[block.hash] = block
      return block.hash
    })
    return { ...node, blocks: [], tip: index.block(node.tip).hash, orphans }
  })
  const heldBy = (nodeId: string): HeldEntries => {
    const view = held.get(nodeId)
    if (!view) throw new Error(`checkpoint has no node ${nodeId}`)
    return view
  }
  return {
    state: {
      version: 1,
      links: stored.links,
      started: stored.started,
      messageSeq: stored.messageSeq,
      nodes,
      blocks,
    },
    heldBy,
  }
}
