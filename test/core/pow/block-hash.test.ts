import { describe, expect, it } from 'vitest'
import {
  hashBlock,
  isHashCorrect,
  meetsDifficulty,
  mineBlock,
} from '../../../src/core/pow/block-hash'
import { doubleSha256 } from '../../../src/core/pow/sha256'
import { createHash } from 'node:crypto'

const template = {
  id: 1,
  previous_block_hash: 'ab'.repeat(32),
  timestamp: '2026/11/24 10:00:07',
  transactions: [{ sender: 'aki', recipient: 'so', value: 1, id: 't1' }],
  miner: 'node1',
}

describe('proof of work', () => {
  it('is double SHA-256', () => {
    const once = createHash('sha256').update('chain lab').digest()
    expect(doubleSha256('chain lab')).toEqual(createHash('sha256').update(once).digest())
  })

  it('finds the first nonce whose hash has the required leading zero bits', () => {
    for (const difficulty of [0, 4, 8, 12]) {
      const block = mineBlock(template, difficulty)
      expect(meetsDifficulty(block.hash, difficulty)).toBe(true)
      for (let nonce = 0; nonce < block.nonce; nonce++)
        expect(meetsDifficulty(hashBlock(template, nonce), difficulty)).toBe(false)
    }
  })

  it('counts leading zero bits, not hex digits', () => {
    expect(meetsDifficulty('1f' + '0'.repeat(62), 3)).toBe(true)
    expect(meetsDifficulty('1f' + '0'.repeat(62), 4)).toBe(false)
    expect(meetsDifficulty('00' + 'f'.repeat(62), 8)).toBe(true)
  })

  it('commits to every field: changing any one changes the hash', () => {
    const base = hashBlock(template, 0)
    const variants = [
      { ...template, id: 2 },
      { ...template, previous_block_hash: 'cd'.repeat(32) },
      { ...template, timestamp: '2026/11/24 10:00:08' },
      { ...template, miner: 'node2' },
      { ...template, transactions: [{ ...template.transactions[0]!, value: 2 }] },
      { ...template, transactions: [{ ...template.transactions[0]!, id: 't2' }] },
    ]
    for (const variant of variants) expect(hashBlock(variant, 0)).not.toBe(base)
    expect(hashBlock(template, 1)).not.toBe(base)
  })

  it('writes a block with the documented fields in order and checks its own hash', () => {
    const block = mineBlock(template, 4)
    expect(Object.keys(block)).toEqual([
      'id',
      'hash',
      'timestamp',
      'transactions',
      'previous_block_hash',
      'nonce',
      'miner',
    ])
    expect(isHashCorrect(block)).toBe(true)
    expect(isHashCorrect({ ...block, nonce: block.nonce + 1 })).toBe(false)
  })
})
