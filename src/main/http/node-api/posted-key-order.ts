import type { Transaction } from '../../../core/chain/transaction'

/** The fields of a transfer, in the order the earlier server's README writes them. */
export const TRANSFER_KEYS = ['sender', 'recipient', 'value'] as const

export type TransferKey = (typeof TRANSFER_KEYS)[number]

/**
 * The key order each transfer was posted with, by transaction id. The earlier server stored the
 * posted dict as it was and relayed it as JSON, so every node listed a transaction with its
 * client's key order; the engine holds transactions as typed records, so the node API keeps the
 * order beside them. Only orders other than the usual one are kept, and at most `limit` of them
 * (the oldest go first), so a client cannot grow it without bound.
 */
export class PostedKeyOrder {
  private readonly orders = new Map<string, readonly TransferKey[]>()

  constructor(private readonly limit = 10_000) {}

  /** Remembers the order of a posted body's transfer keys (other keys are not kept). */
  remember(id: string, body: unknown): void {
    if (typeof body !== 'object' || body === null) return
    const order = Object.keys(body).filter((key): key is TransferKey =>
      (TRANSFER_KEYS as readonly string[]).includes(key),
    )
    if (order.length !== TRANSFER_KEYS.length || order.every((k, i) => k === TRANSFER_KEYS[i]))
      return
    this.orders.delete(id)
    this.orders.set(id, order)
    if (this.orders.size > this.limit) {
      const oldest = this.orders.keys().next()
      if (!oldest.done) this.orders.delete(oldest.value)
    }
  }

  /** The transfer's fields in the order it was posted with (the usual order when unknown). */
  fields(tx: Transaction): Record<TransferKey, unknown> {
    const order = this.orders.get(tx.id) ?? TRANSFER_KEYS
    const fields: Partial<Record<TransferKey, unknown>> = {}
    for (const key of order) fields[key] = tx[key]
    return fields as Record<TransferKey, unknown>
  }

  clear(): void {
    this.orders.clear()
  }
}
