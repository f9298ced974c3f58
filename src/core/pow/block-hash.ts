import type { Block } from '../chain/block'
import type { Transaction } from '../chain/transaction'
import { doubleSha256, sha256Hex } from './sha256'

/** Everything a block's hash commits to except the nonce. */
export type BlockTemplate = Omit<Block, 'hash' | 'nonce'>

/** Canonical serialisation of the transactions: fixed field order, so every node hashes alike. */
function transactionsDigest(transactions: readonly Transaction[]): string {
  return sha256Hex(
    JSON.stringify(transactions.map((tx) => [tx.id, tx.sender, tx.recipient, tx.value])),
  )
}

function headerPrefix(template: BlockTemplate): string {
  return [
    template.id,
    template.previous_block_hash,
    template.timestamp,
    template.miner ?? '',
    transactionsDigest(template.transactions),
  ].join('|')
}

/** Counts the leading zero bits of a digest. */
function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8
      continue
    }
    return bits + Math.clz32(byte) - 24
  }
  return bits
}

/** The block's hash: double SHA-256 over the canonical header with this nonce. */
export function hashBlock(template: BlockTemplate, nonce: number): string {
  return doubleSha256(`${headerPrefix(template)}|${nonce}`).toString('hex')
}

/** Does this hex hash meet a difficulty of `bits` leading zero bits? */
export function meetsDifficulty(hash: string, bits: number): boolean {
  return workBits(hash) >= bits
}

/** The leading zero bits of a hex hash (the work it shows). */
export function workBits(hash: string): number {
  return leadingZeroBits(Buffer.from(hash, 'hex'))
}

/** Real proof of work: the first nonce from 0 whose hash meets the difficulty. */
export function mineBlock(template: BlockTemplate, difficulty: number): Block {
  const prefix = `${headerPrefix(template)}|`
  for (let nonce = 0; ; nonce++) {
    const digest = doubleSha256(prefix + nonce)
    if (leadingZeroBits(digest) >= difficulty) {
      return assembleBlock(template, digest.toString('hex'), nonce)
    }
  }
}

/** A block with its fields in the documented order, so its JSON reads as the README shows it. */
export function assembleBlock(template: BlockTemplate, hash: string, nonce: number): Block {
  const { id, timestamp, transactions, previous_block_hash, miner } = template
  return { id, hash, timestamp, transactions, previous_block_hash, nonce, miner }
}

/** Recomputes the hash a block claims. */
export function isHashCorrect(block: Block): boolean {
  return hashBlock(block, block.nonce) === block.hash
}
