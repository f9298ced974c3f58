import type { Block } from '../../../core/chain/block'
import { genesisBalances, type ChainEntry } from '../../../core/chain/block-tree'
import type { HeldEntries } from '../../../core/resume'
import { applyTransfer, type Balances } from '../../../core/chain/transaction'
import type { RunReader } from '../read/run-reader'

/** Balances are kept on every this-many heights (and on any entry asked): memory ÷ 32. */
const BALANCE_STRIDE = 32

/**
 * A block of a saved run as a chain entry, made once per run and shared by every state rebuilt
 * from it. Its balances are worked out when first asked, from the nearest ancestor that kept
 * its own: a state at a clock reads a few tips' balances, never the whole chain's.
 */
class StoredEntry implements ChainEntry {
  private kept: Balances | null = null

  constructor(
    readonly block: Block,
    readonly height: number,
    readonly parent: StoredEntry | null,
  ) {}

  get balances(): Balances {
    if (this.kept) return this.kept
    const path: StoredEntry[] = [this]
    let from = this.parent
    while (from && !from.kept) {
      path.push(from)
      from = from.parent
    }
    let balances: Balances = from?.kept ?? new Map()
    for (let i = path.length - 1; i >= 0; i--) {
      const entry = path[i] as StoredEntry
      if (entry.parent === null) balances = genesisBalances(entry.block)
      else {
        const next = new Map(balances)
        for (const tx of entry.block.transactions) applyTransfer(next, tx)
        balances = next
      }
      if (entry.height % BALANCE_STRIDE === 0) entry.kept = balances
    }
    this.kept = balances
    return balances
  }
}

/**
 * Every block of one run by ordinal (its place in the blocks table), as shared chain entries,
 * with the run's transactions indexed by the blocks that include them. Loaded once and extended
 * as a live run grows; a node's blocks at a checkpoint are then a view over it (`held`).
 */
export class RunBlockIndex {
  private readonly blocks: Block[] = []
  private readonly entries: (StoredEntry | undefined)[] = []
  private readonly ordinals = new Map<string, number>()
  private readonly txBlocks = new Map<string, number[]>()

  constructor(
    private readonly runId: number,
    private readonly reader: Pick<RunReader, 'blocks'>,
  ) {}

  block(ordinal: number): Block {
    this.load(ordinal)
    const block = this.blocks[ordinal]
    if (!block) throw new Error(`run ${this.runId} has no block ${ordinal}`)
    return block
  }

  /**
   * The balances after a block of the run, as a node whose main chain ends there reports them;
   * undefined for a block the run never recorded. A live run's newer blocks are read when asked.
   */
  balancesAfter(hash: string): Balances | undefined {
    if (!this.ordinals.has(hash)) this.load(this.blocks.length)
    const ordinal = this.ordinals.get(hash)
    return ordinal === undefined ? undefined : this.entry(ordinal).balances
  }

  /**
   * A node's accepted blocks, given as [first ordinal, count] runs in the order it accepted
   * them, as a view: lookups check membership, nothing per block is built.
   */
  held(runs: readonly (readonly [number, number])[]): HeldEntries {
    let last = 0
    let size = 0
    for (const [first, count] of runs) {
      last = Math.max(last, first + count - 1)
      size += count
    }
    this.load(last)
    const member = new Uint8Array(last + 1)
    for (const [first, count] of runs) member.fill(1, first, first + count)
    const holds = (ordinal: number | undefined): ordinal is number =>
      ordinal !== undefined && member[ordinal] === 1
    return {
      get: (hash) => {
        const ordinal = this.ordinals.get(hash)
        return holds(ordinal) ? this.entry(ordinal) : undefined
      },
      values: () => this.entriesOf(runs),
      withTransaction: (txId) =>
        (this.txBlocks.get(txId) ?? []).filter(holds).map((ordinal) => this.entry(ordinal)),
      size,
    }
  }

  private *entriesOf(runs: readonly (readonly [number, number])[]): Generator<ChainEntry> {
    for (const [first, count] of runs)
      for (let ordinal = first; ordinal < first + count; ordinal++) yield this.entry(ordinal)
  }

  /**
   * The entry for an ordinal; its ancestors are made first. A parent's ordinal is usually lower
   * but not always (a branch run numbers its first blocks by height, orphans included), so the
   * parent is found by hash among the blocks loaded, which by then are all of them.
   */
  private entry(ordinal: number): StoredEntry {
    const made = this.entries[ordinal]
    if (made) return made
    const pending: number[] = []
    for (let at: number | undefined = ordinal; at !== undefined && !this.entries[at];) {
      pending.push(at)
      const block = this.block(at)
      at = block.id === 0 ? undefined : this.ordinals.get(block.previous_block_hash)
      if (at === undefined && block.id !== 0)
        throw new Error(`run ${this.runId}: block ${block.hash} has no recorded parent`)
    }
    for (let i = pending.length - 1; i >= 0; i--) {
      const at = pending[i] as number
      const block = this.block(at)
      const parent =
        block.id === 0
          ? null
          : (this.entries[this.ordinals.get(block.previous_block_hash) as number] as StoredEntry)
      this.entries[at] = new StoredEntry(block, parent ? parent.height + 1 : 0, parent)
    }
    return this.entries[ordinal] as StoredEntry
  }

  private load(ordinal: number): void {
    if (ordinal < this.blocks.length) return
    for (const block of this.reader.blocks(this.runId, this.blocks.length)) {
      const at = this.blocks.length
      this.blocks.push(block)
      this.ordinals.set(block.hash, at)
      for (const tx of block.transactions) {
        const list = this.txBlocks.get(tx.id)
        if (list) list.push(at)
        else this.txBlocks.set(tx.id, [at])
      }
    }
  }
}
