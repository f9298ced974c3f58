import { parseTimestamp } from '../sim-time'
import { isHashCorrect, workBits } from '../pow/block-hash'
import type { Block, BlockRefusal } from './block'
import { applyTransfer, type Balances } from './transaction'

/** A block as one node knows it: where it sits in the tree and the balances after it. */
export interface ChainEntry {
  readonly block: Block
  readonly height: number
  readonly parent: ChainEntry | null
  readonly balances: Balances
}

/** A switch of the main chain away from blocks it held. */
export interface Reorg {
  readonly oldTip: ChainEntry
  readonly newTip: ChainEntry
  /** Blocks that left the main chain, tip first. */
  readonly abandoned: readonly ChainEntry[]
  /** Blocks that joined the main chain, lowest first. */
  readonly adopted: readonly ChainEntry[]
}

/**
 * The blocks a resumed tree holds without copying them: a node's accepted entries at a checkpoint,
 * kept by whoever stores the run. A tree over them answers lookups through this view and keeps
 * only what it accepts afterwards, so resuming costs the recent blocks, not the whole chain.
 */
export interface HeldEntries {
  /** The held entry for a hash, or undefined when the node did not hold that block. */
  get(hash: string): ChainEntry | undefined
  /** Every held entry, in the order the node accepted them (genesis first). */
  values(): Iterable<ChainEntry>
  /** The held entries whose block includes the transaction. */
  withTransaction(txId: string): readonly ChainEntry[]
  /** How many entries are held. */
  readonly size: number
}

export type AddBlockResult =
  | {
      readonly kind: 'accepted'
      /** This block and any waiting orphans it connected, in the order they were added. */
      readonly added: readonly ChainEntry[]
      /** Refusals among the orphans this block connected. */
      readonly refused: readonly { readonly block: Block; readonly reason: BlockRefusal }[]
      /** Set when the main chain moved; `abandoned` is empty for a plain extension. */
      readonly tipChange: Reorg | null
    }
  | { readonly kind: 'refused'; readonly reason: BlockRefusal }
  | { readonly kind: 'orphan' }
  | { readonly kind: 'known' }

/**
 * One node's view of the chain: every block it accepted, the main chain (longest; on a tie the
 * one seen first), orphans waiting for their parent, and balances on every branch.
 */
export class BlockTree {
  /** Entries accepted by this tree itself; a resumed tree's older ones are in `held`. */
  private readonly entries = new Map<string, ChainEntry>()
  /** The same entries in the order they were accepted. */
  private readonly order: ChainEntry[] = []
  private readonly main: ChainEntry[] = []
  private readonly orphans = new Map<string, Block[]>()
  private readonly orphanHashes = new Set<string>()
  /** Where each transaction id sits, so a branch can be checked for double inclusion. */
  private readonly txLocations = new Map<string, ChainEntry[]>()

  constructor(
    genesis: Block,
    private readonly difficulty: number,
    genesisEntry?: ChainEntry,
    private readonly held: HeldEntries | null = null,
  ) {
    const entry = genesisEntry ?? held?.get(genesis.hash) ?? createGenesisEntry(genesis)
    if (!held?.get(genesis.hash)) this.insert(entry)
    this.main.push(entry)
  }

  get tip(): ChainEntry {
    return this.main[this.main.length - 1] as ChainEntry
  }

  get height(): number {
    return this.main.length - 1
  }

  /** The main chain's block at a height, or undefined. */
  blockAt(height: number): Block | undefined {
    return this.main[height]?.block
  }

  mainChain(): Block[] {
    return this.main.map((e) => e.block)
  }

  entry(hash: string): ChainEntry | undefined {
    return this.entries.get(hash) ?? this.held?.get(hash)
  }

  /** Every orphan, in arrival order. */
  allOrphans(): Block[] {
    return [...this.orphans.values()].flat()
  }

  /**
   * Rebuilds a tree from a checkpoint: blocks already validated once, in the order they were
   * accepted, so no hash is recomputed. Throws when a block's parent is missing.
   */
  static restore(
    genesis: Block,
    difficulty: number,
    blocks: readonly Block[],
    tip: string,
    orphans: readonly Block[],
    shared: Map<string, ChainEntry> = new Map(),
  ): BlockTree {
    // Entries never change once made, so the nodes of one checkpoint share them: each block's
    // balances are computed once for the network, not once per node.
    let genesisEntry = shared.get(genesis.hash)
    if (!genesisEntry) {
      genesisEntry = createGenesisEntry(genesis)
      shared.set(genesis.hash, genesisEntry)
    }
    const tree = new BlockTree(genesis, difficulty, genesisEntry)
    for (const block of blocks) {
      if (block.hash === genesis.hash) continue
      let entry = shared.get(block.hash)
      if (!entry) {
        const parent = tree.entry(block.previous_block_hash)
        if (!parent) throw new Error(`checkpoint block ${block.hash} has no parent`)
        const balances = new Map(parent.balances)
        for (const tx of block.transactions) applyTransfer(balances, tx)
        entry = { block, height: parent.height + 1, parent, balances }
        shared.set(block.hash, entry)
      }
      tree.insert(entry)
    }
    return tree.resumeAt(tip, orphans)
  }

  /**
   * A tree over entries held elsewhere (see HeldEntries), with its main chain at `tip` and the
   * orphans waiting again. Nothing is copied or recomputed but the main chain's list.
   */
  static resume(
    genesis: Block,
    difficulty: number,
    held: HeldEntries,
    tip: string,
    orphans: readonly Block[],
  ): BlockTree {
    return new BlockTree(genesis, difficulty, undefined, held).resumeAt(tip, orphans)
  }

  private resumeAt(tip: string, orphans: readonly Block[]): BlockTree {
    const tipEntry = this.entry(tip)
    if (!tipEntry) throw new Error(`checkpoint tip ${tip} is not among its blocks`)
    this.switchTo(tipEntry)
    for (const orphan of orphans) this.add(orphan)
    return this
  }

  /** Every accepted block, in the order this node accepted them. */
  allEntries(): Iterable<ChainEntry> {
    return this.held ? this.heldThenOwn(this.held) : this.order
  }

  /** How many blocks the tree accepted (genesis included). */
  get acceptedCount(): number {
    return (this.held?.size ?? 0) + this.order.length
  }

  /** The entries accepted after the first `count`, in order: what changed since a checkpoint. */
  acceptedSince(count: number): ChainEntry[] {
    const heldSize = this.held?.size ?? 0
    if (count >= heldSize) return this.order.slice(count - heldSize)
    return [...this.allEntries()].slice(count)
  }

  private *heldThenOwn(held: HeldEntries): Generator<ChainEntry> {
    yield* held.values()
    yield* this.order
  }

  isOnMainChain(entry: ChainEntry): boolean {
    return this.main[entry.height] === entry
  }

  /** Known means accepted or waiting as an orphan: such a block arriving again is dropped. */
  hasBlock(hash: string): boolean {
    return this.entry(hash) !== undefined || this.orphanHashes.has(hash)
  }

  hasTransaction(txId: string): boolean {
    return this.txLocations.has(txId) || (this.held?.withTransaction(txId).length ?? 0) > 0
  }

  /** Is the transaction included in the main chain? */
  isTransactionOnMainChain(txId: string): boolean {
    return this.locationsOf(txId).some((e) => this.isOnMainChain(e))
  }

  /** Every accepted entry that includes the transaction. */
  private locationsOf(txId: string): readonly ChainEntry[] {
    const own = this.txLocations.get(txId) ?? []
    return this.held ? [...this.held.withTransaction(txId), ...own] : own
  }

  get orphanCount(): number {
    return this.orphanHashes.size
  }

  /**
   * Hashes of main-chain blocks at exponentially spaced heights from the tip, so a peer can find
   * the fork point in a few steps (as Bitcoin's block locator does).
   */
  locator(): string[] {
    const hashes: string[] = []
    let step = 1
    for (let h = this.height; h > 0; h -= step) {
      hashes.push((this.main[h] as ChainEntry).block.hash)
      if (hashes.length >= 8) step *= 2
    }
    hashes.push((this.main[0] as ChainEntry).block.hash)
    return hashes
  }

  /** The blocks from `hash` back to (not including) the first one the locator names, lowest first. */
  blocksSince(hash: string, locator: readonly string[]): Block[] {
    const known = new Set(locator)
    const blocks: Block[] = []
    for (let e = this.entry(hash); e && !known.has(e.block.hash); e = e.parent ?? undefined)
      blocks.push(e.block)
    return blocks.reverse()
  }

  add(block: Block): AddBlockResult {
    if (this.hasBlock(block.hash)) return { kind: 'known' }
    const parent = this.entry(block.previous_block_hash)
    if (!parent) {
      const waiting = this.orphans.get(block.previous_block_hash) ?? []
      waiting.push(block)
      this.orphans.set(block.previous_block_hash, waiting)
      this.orphanHashes.add(block.hash)
      return { kind: 'orphan' }
    }
    const oldTip = this.tip
    const first = this.connect(block, parent)
    if (first.kind === 'refused') return first
    const added: ChainEntry[] = [first.entry]
    const refused: { block: Block; reason: BlockRefusal }[] = []
    for (let i = 0; i < added.length; i++) {
      const entry = added[i] as ChainEntry
      const children = this.orphans.get(entry.block.hash) ?? []
      this.orphans.delete(entry.block.hash)
      for (const child of children) {
        this.orphanHashes.delete(child.hash)
        const result = this.connect(child, entry)
        if (result.kind === 'refused') refused.push({ block: child, reason: result.reason })
        else added.push(result.entry)
      }
    }
    const best = added.reduce((a, b) => (b.height > a.height ? b : a), oldTip)
    const tipChange = best === oldTip ? null : this.switchTo(best)
    return { kind: 'accepted', added, refused, tipChange }
  }

  /** Checks a block against its parent; the checks a node runs on every block it receives. */
  validate(
    block: Block,
    parent: ChainEntry,
  ): { kind: 'valid'; balances: Balances } | { kind: 'refused'; reason: BlockRefusal } {
    const refuse = (reason: BlockRefusal) => ({ kind: 'refused', reason }) as const
    const own = intrinsicChecks(block)
    if (!own.hashCorrect) return refuse('bad-hash')
    if (own.work < this.difficulty) return refuse('insufficient-work')
    if (block.id !== parent.height + 1) return refuse('bad-height')
    if (!own.timestampValid) return refuse('bad-timestamp')
    // Balances never change once made: a block that moves nothing shares its parent's.
    if (block.transactions.length === 0) return { kind: 'valid', balances: parent.balances }
    const balances = new Map(parent.balances)
    const ids = new Set<string>()
    for (const tx of block.transactions) {
      if (ids.has(tx.id) || this.isOnBranch(tx.id, parent)) return refuse('duplicate-transaction')
      ids.add(tx.id)
      if (applyTransfer(balances, tx) !== null) return refuse('invalid-transaction')
    }
    return { kind: 'valid', balances }
  }

  private connect(
    block: Block,
    parent: ChainEntry,
  ): { kind: 'added'; entry: ChainEntry } | { kind: 'refused'; reason: BlockRefusal } {
    const verdict = this.validate(block, parent)
    if (verdict.kind === 'refused') return verdict
    const entry: ChainEntry = {
      block,
      height: parent.height + 1,
      parent,
      balances: verdict.balances,
    }
    this.insert(entry)
    return { kind: 'added', entry }
  }

  private insert(entry: ChainEntry): void {
    this.entries.set(entry.block.hash, entry)
    this.order.push(entry)
    for (const tx of entry.block.transactions) {
      const at = this.txLocations.get(tx.id)
      if (at) at.push(entry)
      else this.txLocations.set(tx.id, [entry])
    }
  }

  /** Is the transaction in `tip` or one of its ancestors? */
  private isOnBranch(txId: string, tip: ChainEntry): boolean {
    return this.locationsOf(txId).some((e) => this.ancestorAt(tip, e.height) === e)
  }

  private ancestorAt(entry: ChainEntry, height: number): ChainEntry | undefined {
    if (height > entry.height) return undefined
    if (this.isOnMainChain(entry)) return this.main[height]
    let e: ChainEntry | null = entry
    while (e && e.height > height) e = e.parent
    return e ?? undefined
  }

  private switchTo(newTip: ChainEntry): Reorg {
    const oldTip = this.tip
    const adopted: ChainEntry[] = []
    let e: ChainEntry | null = newTip
    while (e && !this.isOnMainChain(e)) {
      adopted.push(e)
      e = e.parent
    }
    const fork = e as ChainEntry
    const abandoned = this.main.slice(fork.height + 1).reverse()
    this.main.length = fork.height + 1
    adopted.reverse()
    this.main.push(...adopted)
    return { oldTip, newTip, abandoned, adopted }
  }
}

/** What a block's own fields establish, whichever node checks it. */
interface IntrinsicChecks {
  readonly hashCorrect: boolean
  /** Leading zero bits of the hash. */
  readonly work: number
  readonly timestampValid: boolean
}

/**
 * The intrinsic checks, made once per block object: blocks are immutable and travel by
 * reference, so the thousand nodes that receive one block need not hash it a thousand times.
 * Keyed weakly, so a block no node holds any more is forgotten with it.
 */
const intrinsic = new WeakMap<Block, IntrinsicChecks>()

function intrinsicChecks(block: Block): IntrinsicChecks {
  let checks = intrinsic.get(block)
  if (!checks) {
    checks = {
      hashCorrect: isHashCorrect(block),
      work: workBits(block.hash),
      timestampValid: parseTimestamp(block.timestamp) !== null,
    }
    intrinsic.set(block, checks)
  }
  return checks
}

/** Genesis entries by block: the nodes of a network share one genesis block, so they share this. */
const genesisEntries = new WeakMap<Block, ChainEntry>()

/** Entries never change once made, so one per genesis block serves every tree that starts from it. */
function createGenesisEntry(genesis: Block): ChainEntry {
  let entry = genesisEntries.get(genesis)
  if (!entry) {
    entry = { block: genesis, height: 0, parent: null, balances: genesisBalances(genesis) }
    genesisEntries.set(genesis, entry)
  }
  return entry
}

/** What genesis hands out: its transactions create coins rather than move them. */
export function genesisBalances(genesis: Block): Balances {
  const balances = new Map<string, number>()
  for (const tx of genesis.transactions)
    balances.set(tx.recipient, (balances.get(tx.recipient) ?? 0) + tx.value)
  return balances
}
