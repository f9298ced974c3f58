/** A transfer of coins. Genesis allocations have no sender. */
export interface Transaction {
  /** Unique per transaction, so that two equal transfers are two transactions. */
  readonly id: string
  readonly sender: string | null
  readonly recipient: string
  readonly value: number
}

/** What a controller asks for: a transaction before the network gives it an id. */
export interface TransferRequest {
  readonly sender: string
  readonly recipient: string
  readonly value: number
}

/** Why a transaction is refused; each reason names the problem for the API and the log. */
export type TxRefusal =
  | 'unknown-sender'
  | 'unknown-recipient'
  | 'invalid-value'
  | 'insufficient-balance'
  | 'self-transfer'
  | 'duplicate'
  | 'missing-sender'

export const TX_REFUSAL_TEXT: Readonly<Record<TxRefusal, string>> = {
  'unknown-sender': 'the sender is not an account of this network',
  'unknown-recipient': 'the recipient is not an account of this network',
  'invalid-value': 'value must be a positive integer',
  'insufficient-balance': "the sender's balance, less what the pool already spends, is too low",
  'self-transfer': 'sender and recipient must differ',
  duplicate: 'this transaction is already known',
  'missing-sender': 'only the genesis block may hold transactions without a sender',
}

export type Balances = ReadonlyMap<string, number>

/**
 * Checks one transfer against balances and, when it is affordable, applies it to `working`.
 * Returns the refusal, or null when the transfer was applied.
 */
export function applyTransfer(
  working: Map<string, number>,
  tx: Pick<Transaction, 'sender' | 'recipient' | 'value'>,
): TxRefusal | null {
  if (tx.sender === null) return 'missing-sender'
  if (!Number.isSafeInteger(tx.value) || tx.value <= 0) return 'invalid-value'
  const senderBalance = working.get(tx.sender)
  if (senderBalance === undefined) return 'unknown-sender'
  const recipientBalance = working.get(tx.recipient)
  if (recipientBalance === undefined) return 'unknown-recipient'
  if (tx.sender === tx.recipient) return 'self-transfer'
  if (senderBalance < tx.value) return 'insufficient-balance'
  working.set(tx.sender, senderBalance - tx.value)
  working.set(tx.recipient, (working.get(tx.recipient) ?? 0) + tx.value)
  return null
}
