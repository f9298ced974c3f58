import { applyTransfer } from '../../../core/chain/transaction'
import type { RunReader } from '../run-reader'

/**
 * Every account's balance after each block of a run, as a node whose main chain ends at that
 * block reports it. Blocks are read in the order the run first saw them, so a parent always
 * comes before its child; a live run's new blocks are read when next asked.
 */
export class ChainBalances {
  private readonly after = new Map<string, ReadonlyMap<string, number>>()
  private read = 0
  private genesis: ReadonlyMap<string, number> = new Map()

  constructor(
    private readonly reader: RunReader,
    private readonly runId: number,
  ) {}

  /** The accounts, in the order the genesis block allocates them. */
  get accounts(): string[] {
    return [...this.genesis.keys()]
  }

  /** Reads the blocks recorded since the last call. */
  sync(): void {
    for (const block of this.reader.blocks(this.runId, this.read)) {
      this.read++
      if (this.read === 1) {
        // The genesis block allocates; its transactions have no sender to debit.
        const allocations = new Map<string, number>()
        for (const tx of block.transactions)
          allocations.set(tx.recipient, (allocations.get(tx.recipient) ?? 0) + tx.value)
        this.genesis = allocations
        this.after.set(block.hash, allocations)
        continue
      }
      const parent = this.after.get(block.previous_block_hash)
      if (!parent) continue
      const balances = new Map(parent)
      for (const tx of block.transactions) applyTransfer(balances, tx)
      this.after.set(block.hash, balances)
    }
  }

  /** The balances after block `tip` (null: the genesis block). */
  of(tip: string | null): Record<string, number> {
    return Object.fromEntries((tip === null ? undefined : this.after.get(tip)) ?? this.genesis)
  }
}
