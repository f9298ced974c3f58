import { describe, expect, it } from 'vitest'
import { TxPool } from '../../../src/core/node/tx-pool'
import { createTx } from '../../support/factories'

const balances = new Map([
  ['aki', 2],
  ['so', 7],
  ['satoshi', 5],
])

describe('the transaction pool', () => {
  it('accepts a transfer the main-chain balance covers', () => {
    const pool = new TxPool()
    expect(pool.add(createTx('so', 'aki', 7), balances)).toBeNull()
    expect(pool.size).toBe(1)
  })

  it('refuses a second spend of funds the pool already spends', () => {
    const pool = new TxPool()
    pool.add(createTx('aki', 'so', 2), balances)
    expect(pool.add(createTx('aki', 'satoshi', 1), balances)).toBe('insufficient-balance')
  })

  it('counts coins received in the pool as spendable', () => {
    const pool = new TxPool()
    pool.add(createTx('so', 'aki', 3), balances)
    expect(pool.add(createTx('aki', 'satoshi', 5), balances)).toBeNull()
  })

  it.each([
    ['an unknown sender', createTx('mallory', 'so', 1), 'unknown-sender'],
    ['an unknown recipient', createTx('so', 'mallory', 1), 'unknown-recipient'],
    ['a zero value', createTx('so', 'aki', 0), 'invalid-value'],
    ['a negative value', createTx('so', 'aki', -1), 'invalid-value'],
    ['a fractional value', createTx('so', 'aki', 1.5), 'invalid-value'],
    ['a value past safe integers', createTx('so', 'aki', 2 ** 60), 'invalid-value'],
    ['a transfer to oneself', createTx('so', 'so', 1), 'self-transfer'],
  ])('refuses %s', (_name, tx, reason) => {
    const pool = new TxPool()
    expect(pool.add(tx, balances)).toBe(reason)
    expect(pool.size).toBe(0)
  })

  it('refuses the same transaction twice', () => {
    const pool = new TxPool()
    const tx = createTx('so', 'aki', 1)
    pool.add(tx, balances)
    expect(pool.add(tx, balances)).toBe('duplicate')
  })

  it('selects for a block every transaction that fits, in arrival order', () => {
    const pool = new TxPool()
    const a = createTx('so', 'aki', 3)
    const b = createTx('aki', 'satoshi', 4)
    pool.add(a, balances)
    pool.add(b, balances)
    expect(pool.selectForBlock(balances)).toEqual([a, b])
  })
})
