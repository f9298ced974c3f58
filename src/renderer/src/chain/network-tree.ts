import type { Block, LinkSummary, SequencedEvent, TreeBlock } from '../../../shared/api-types'
import { AttackLedger } from './attack-ledger'
import { layoutTree, type PlacedBlock } from './tree-layout'

/** A block some node knows, with when each node accepted it. */
export interface NetworkBlock {
  readonly hash: string
  readonly parent: string
  readonly height: number
  readonly miner: string | null
  readonly transactions: number
  /** Node → the clock it accepted the block (genesis: 0 for every node). */
  readonly received: Map<string, number>
}

/**
 * Every block any node of the network knows, merged from the event stream: block.accepted says
 * who took which block when, block.mined carries the block whole (for its transactions).
 */
export class NetworkTreeBuilder {
  readonly blocks = new Map<string, NetworkBlock>()
  readonly whole = new Map<string, Block>()
  /** What attackers did with blocks: withheld, published, orphaned (empty in an honest run). */
  readonly attacks = new AttackLedger()
  /**
   * Counts the changes to what the tree holds (it grows in place): a view draws it again when
   * this moves, not on every clock, most of which bring no block.
   */
  revision = 0

  apply(events: Iterable<SequencedEvent>): void {
    for (const event of events) {
      if (event.kind === 'block.mined') {
        this.whole.set(event.block.hash, event.block)
        this.revision++
      }
      if (event.kind === 'chain.reorg' || event.kind.startsWith('attack.')) {
        this.attacks.apply(event)
        this.revision++
      }
      if (event.kind !== 'block.accepted') continue
      const ref = event.block
      const known = this.blocks.get(ref.hash) ?? this.add(ref)
      if (!known.received.has(event.node)) {
        known.received.set(event.node, event.clock)
        this.revision++
      }
      // The genesis block is never accepted: every node starts with it, at clock 0.
      if (ref.height === 1 && !this.blocks.has(ref.parent))
        this.add({ hash: ref.parent, parent: '', height: 0, miner: null, transactions: 0 })
    }
  }

  /** Blocks a node knew before the events began (the UI opened mid-run), times unknown. */
  seed(blocks: readonly TreeBlock[]): void {
    for (const b of blocks) if (!this.blocks.has(b.hash)) this.add(b)
  }

  private add(b: Omit<TreeBlock, 'onMainChain'>): NetworkBlock {
    const block: NetworkBlock = {
      hash: b.hash,
      parent: b.parent,
      height: b.height,
      miner: b.miner,
      transactions: b.transactions,
      received: new Map(),
    }
    this.blocks.set(b.hash, block)
    this.revision++
    return block
  }
}

export interface PlacedNetworkBlock extends PlacedBlock {
  /** The nodes whose tip this block is. */
  readonly tipOf: readonly string[]
  /** The nodes whose main chain holds this block. */
  readonly chainOf: readonly string[]
}

/**
 * The merged tree laid out: lane 0 is the best chain (the highest tip; on a tie, the one most
 * nodes are on), forks below it; each block knows whose tip it is and whose main chain holds it.
 * Only the `window` highest heights are laid out.
 */
export function placeNetworkTree(
  blocks: ReadonlyMap<string, NetworkBlock>,
  tips: Readonly<Record<string, string>>,
  window = 40,
  /** A replay's clock: only the blocks some node had accepted by then (genesis always). */
  upTo?: number,
): PlacedNetworkBlock[] {
  if (upTo !== undefined) blocks = knownBy(blocks, upTo)
  // Grouped by tip first, then each tip's chain walked once for its whole group: thousands of
  // nodes mostly share a few tips, and a walk (and a copied list) per node was quadratic.
  const tipOf = new Map<string, string[]>()
  for (const [node, tip] of Object.entries(tips)) {
    const group = tipOf.get(tip)
    if (group) group.push(node)
    else tipOf.set(tip, [node])
  }
  const chainOf = new Map<string, string[]>()
  for (const [tip, group] of tipOf)
    for (let b = blocks.get(tip); b; b = blocks.get(b.parent)) {
      const on = chainOf.get(b.hash)
      if (on) on.push(...group)
      else chainOf.set(b.hash, [...group])
    }
  // Each list in the nodes' own order, as a walk per node gave it.
  const order = new Map(Object.keys(tips).map((node, i) => [node, i]))
  for (const on of chainOf.values()) on.sort((a, b) => order.get(a)! - order.get(b)!)
  let best: NetworkBlock | undefined
  for (const hash of tipOf.keys()) {
    const b = blocks.get(hash)
    if (!b) continue
    if (
      !best ||
      b.height > best.height ||
      (b.height === best.height && tipOf.get(hash)!.length > tipOf.get(best.hash)!.length)
    )
      best = b
  }
  const main = new Set<string>()
  for (let b = best; b; b = blocks.get(b.parent)) main.add(b.hash)
  let top = 0
  for (const b of blocks.values()) if (b.height > top) top = b.height
  const low = Math.max(0, top - window + 1)
  const shown: TreeBlock[] = []
  for (const b of blocks.values())
    if (b.height >= low) shown.push({ ...b, onMainChain: main.has(b.hash) })
  return layoutTree(shown).map((b) => ({
    ...b,
    tipOf: tipOf.get(b.hash) ?? [],
    chainOf: chainOf.get(b.hash) ?? [],
  }))
}

/** The blocks some node had accepted by `clock`: a saved run's tree, built once, at any clock. */
function knownBy(
  blocks: ReadonlyMap<string, NetworkBlock>,
  clock: number,
): Map<string, NetworkBlock> {
  const known = new Map<string, NetworkBlock>()
  for (const b of blocks.values()) {
    let seen = b.height === 0
    for (const at of b.received.values()) if (at <= clock) seen = true
    if (seen) known.set(b.hash, b)
  }
  return known
}

/**
 * The sides of a partition: groups of nodes joined by links that are up, each with the tips its
 * nodes hold. One side when nothing is cut off.
 */
export function partitionSides(
  nodes: readonly string[],
  links: readonly LinkSummary[],
): string[][] {
  const side = new Map(nodes.map((n) => [n, n]))
  // Union-find with path halving, and groups grown in place: linear enough for 10,000 nodes.
  const find = (n: string): string => {
    let root = n
    for (let up = side.get(root)!; up !== root; up = side.get(root)!) {
      const grand = side.get(up)!
      side.set(root, grand)
      root = grand
    }
    return root
  }
  for (const l of links) if (l.up && side.has(l.a) && side.has(l.b)) side.set(find(l.a), find(l.b))
  const groups = new Map<string, string[]>()
  for (const n of nodes) {
    const root = find(n)
    const group = groups.get(root)
    if (group) group.push(n)
    else groups.set(root, [n])
  }
  return [...groups.values()]
}
