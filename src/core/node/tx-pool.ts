import {
  applyTransfer,
  type Balances,
  type Transaction,
  type TxRefusal,
} from '../chain/transaction'

/** A node's pool: valid transactions waiting for a block, in arrival order. */
export class TxPool {
  private readonly txs = new Map<string, Transaction>()

  get size(): number {
    return this.txs.size
  }

  has(id: string): boolean {
    return this.txs.has(id)
  }

  all(): Transaction[] {
    return [...this.txs.values()]
  }

  /** Balances on `base` less what the pool already spends: what a new transaction must fit in. */
  spendable(base: Balances, extra: readonly Transaction[] = []): Map<string, number> {
    const working = new Map(base)
    for (const tx of [...this.txs.values(), ...extra]) applyTransfer(working, tx)
    return working
  }

  /** Adds a transaction when it fits the spendable balances; returns the refusal otherwise. */
  add(tx: Transaction, base: Balances): TxRefusal | null {
    if (this.txs.has(tx.id)) return 'duplicate'
    const refusal = applyTransfer(this.spendable(base), tx)
    if (refusal === null) this.txs.set(tx.id, tx)
    return refusal
  }

  /** Puts back a transaction from a checkpoint, where it was already checked. */
  restore(tx: Transaction): void {
    this.txs.set(tx.id, tx)
  }

  clear(): void {
    this.txs.clear()
  }

  /** The transactions a block mined now would hold: every pool transaction that fits, in order. */
  selectForBlock(base: Balances): Transaction[] {
    const working = new Map(base)
    return [...this.txs.values()].filter((tx) => applyTransfer(working, tx) === null)
  }
}
