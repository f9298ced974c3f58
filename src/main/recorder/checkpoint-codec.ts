import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type { Block } from '../../core/chain/block'
import type {
  CheckpointState,
  HeldEntries,
  NetworkState,
  NodeCheckpoint,
  NodeState,
} from '../../core/resume'

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
  readonly nodes: readonly StoredNode[]
}

type Link = NetworkState['links'][number]

/**
 * The fields sameLinks compares: a field added to a link must be compared too, or a change to it
 * alone would leave the last checkpoint's text in place (this fails to compile until it is).
 */
type ComparedLinkFields = 'a' | 'b' | 'up' | 'latency'
const everyLinkFieldCompared: Exclude<keyof Link, ComparedLinkFields> extends never ? true : never =
  true
void everyLinkFieldCompared

type OrdinalRuns = readonly (readonly [number, number])[]

interface StoredNode extends Omit<NodeState, 'blocks' | 'tip' | 'orphans'> {
  /** The node's block ordinals as runs of consecutive numbers: [first, count] pairs. */
  readonly blocks: OrdinalRuns
  readonly tip: number
  readonly orphans: readonly number[]
  /** The node's tree when recorded (see BlocksMark); absent in checkpoints of older versions. */
  readonly tree?: number
}

/**
 * `earlier` extended with more ordinals: [[0, 4]] + [4, 5, 9] → [[0, 6], [9, 1]]. Nodes mostly
 * hold the run's blocks in its order, so a long chain is a few runs.
 */
function toRuns(ordinals: readonly number[], earlier: OrdinalRuns = []): [number, number][] {
  const runs = earlier.map(([first, count]): [number, number] => [first, count])
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

/**
 * Encodes a state; `ordinalOf` must know every block the state holds (genesis is ordinal 0). A
 * node that lists only its blocks since an earlier checkpoint takes the rest from `earlier`.
 */
export function encodeCheckpoint(
  state: CheckpointState,
  ordinalOf: (hash: string) => number,
  earlier: StoredCheckpoint | null = null,
): StoredCheckpoint {
  // By id: a thousand nodes each looking for itself in a list cost a million comparisons.
  const earlierNodes = new Map(earlier?.nodes.map((node) => [node.id, node]))
  return {
    version: 1,
    links: state.links,
    started: state.started,
    messageSeq: state.messageSeq,
    nodes: state.nodes.map((node) => {
      // The node's fields in the order an older recorder wrote them, less blocksFrom, with these
      // three made ordinals: one object made whole, not a copy key by key (a third of what
      // encoding a 1,000-node checkpoint cost). Its type lists every field a node's checkpoint
      // has, so a field added to NodeState fails to compile here until it is stored.
      const blocks = toRuns(
        node.blocks.map(ordinalOf),
        node.blocksFrom > 0 ? before(node, earlierNodes.get(node.id)) : [],
      )
      return {
        id: node.id,
        started: node.started,
        clock: node.clock,
        status: node.status,
        tip: ordinalOf(node.tip),
        orphans: node.orphans.map(ordinalOf),
        pool: node.pool,
        requests: node.requests,
        followUp: node.followUp,
        announcements: node.announcements,
        inbox: node.inbox,
        activity: node.activity,
        begunFor: node.begunFor,
        submissions: node.submissions,
        random: node.random,
        nextMineAt: node.nextMineAt,
        nextTxAt: node.nextTxAt,
        mineChance: node.mineChance,
        txChance: node.txChance,
        // An attacker's only: undefined for an honest node, which JSON leaves out (as it leaves
        // out `announcements` in a state saved before there were any).
        attack: node.attack,
        tree: node.tree,
        blocks,
      } satisfies EveryField<StoredNode>
    }),
  }
}

/** Every field of T, optional or not, and no other. */
type EveryField<T> = { [K in keyof T]-?: unknown }

/** The node's runs at the earlier checkpoint, which must be where its new blocks start. */
function before(node: NodeCheckpoint, stored: StoredNode | undefined): OrdinalRuns {
  const count = stored?.blocks.reduce((sum, [, n]) => sum + n, 0)
  if (!stored || stored.tree !== node.tree || count !== node.blocksFrom)
    throw new Error(`checkpoint of ${node.id} continues from no recorded checkpoint`)
  return stored.blocks
}

/**
 * A stored checkpoint's JSON, as JSON.stringify writes it, in UTF-8 (the bytes the writer's
 * thread compresses). Its links, half of it at 1,000 nodes and the same from one checkpoint to
 * the next unless a command cut or changed one, are encoded once and copied while they stay
 * equal to `cache`'s (which this updates): encoding a 1,000-node run's 75 checkpoints whole took
 * 0.3 s of the lab's thread, 0.2 s with the links encoded once.
 */
export function checkpointJson(stored: StoredCheckpoint, cache: LinksJsonCache): Uint8Array {
  if (!sameLinks(cache.links, stored.links)) {
    cache.links = stored.links
    cache.json = utf8.encode(JSON.stringify(stored.links))
  }
  const { version, started, messageSeq, nodes } = stored
  const head = utf8.encode(`{"version":${version},"links":`)
  const tail = utf8.encode(
    `,"started":${JSON.stringify(started)},"messageSeq":${JSON.stringify(messageSeq)},"nodes":${JSON.stringify(nodes)}}`,
  )
  const json = new Uint8Array(head.length + cache.json.length + tail.length)
  json.set(head)
  json.set(cache.json, head.length)
  json.set(tail, head.length + cache.json.length)
  return json
}

const utf8 = new TextEncoder()

/** The links of the last checkpoint written, and their JSON's bytes. */
export interface LinksJsonCache {
  links: StoredCheckpoint['links'] | null
  json: Uint8Array
}

/** A cache that has seen no links. */
export function newLinksJsonCache(): LinksJsonCache {
  return { links: null, json: new Uint8Array(0) }
}

function sameLinks(a: StoredCheckpoint['links'] | null, b: StoredCheckpoint['links']): boolean {
  if (a === null || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Link
    const y = b[i] as Link
    if (x.a !== y.a || x.b !== y.b || x.up !== y.up || x.latency !== y.latency) return false
  }
  return true
}

/** A stored node as NodeState fields, without what only the recorder uses. */
function nodeFields({ tree: _tree, ...node }: StoredNode): Omit<StoredNode, 'tree'> {
  return node
}

export function decodeCheckpoint(
  stored: StoredCheckpoint,
  blockAt: (ordinal: number) => Block,
): NetworkState {
  return decodeWith(stored, blockAt, (node, hashOf) => fromRuns(node.blocks).map(hashOf))
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
  const held = new Map(stored.nodes.map((node) => [node.id, index.held(node.blocks)]))
  const heldBy = (nodeId: string): HeldEntries => {
    const view = held.get(nodeId)
    if (!view) throw new Error(`checkpoint has no node ${nodeId}`)
    return view
  }
  return {
    state: decodeWith(
      stored,
      (ordinal) => index.block(ordinal),
      () => [],
    ),
    heldBy,
  }
}

/** The state, its block ordinals made hashes again; each node's list of blocks by `blocksOf`. */
function decodeWith(
  stored: StoredCheckpoint,
  blockAt: (ordinal: number) => Block,
  blocksOf: (node: StoredNode, hashOf: (ordinal: number) => string) => string[],
): NetworkState {
  const blocks: Record<string, Block> = {}
  const hashOf = (ordinal: number): string => {
    const block = blockAt(ordinal)
    blocks[block.hash] = block
    return block.hash
  }
  const nodes = stored.nodes.map((node) => ({
    ...nodeFields(node),
    blocks: blocksOf(node, hashOf),
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
 * A checkpoint's JSON (its UTF-8 bytes) as the writer thread stores it since format 2: deflated
 * (level 1), about a ninth of its size. Checkpoints were two thirds of a long run's file (120 of
 * 820 KB each at 1,000 nodes) and cost SQLite the more to write the bigger they were; the JSON
 * repeats itself (node names, field names, links), so deflate takes most of it away for little
 * time.
 */
export function packCheckpoint(json: Uint8Array): Buffer {
  return deflateRawSync(json, { level: 1 })
}

/** A checkpoint as stored: JSON text (before format 2) or packCheckpoint's blob. */
export function unpackCheckpoint(state: string | Uint8Array): StoredCheckpoint {
  return JSON.parse(checkpointText(state)) as StoredCheckpoint
}

/** A stored checkpoint's JSON text, whichever way it is stored (a run file holds the text). */
export function checkpointText(state: string | Uint8Array): string {
  return typeof state === 'string' ? state : inflateRawSync(state).toString('utf8')
}
