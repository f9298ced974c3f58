import { describe, expect, it } from 'vitest'
import { BlockTree, type ChainEntry, type HeldEntries } from '../../../src/core/chain/block-tree'
import { hashBlock, mineBlock } from '../../../src/core/pow/block-hash'
import {
  TEST_DIFFICULTY,
  createBlock,
  createChain,
  createTx,
  genesis,
} from '../../support/factories'

const newTree = () => new BlockTree(genesis, TEST_DIFFICULTY)

describe('a node chain (block tree)', () => {
  it('starts with genesis and the genesis balances', () => {
    const tree = newTree()
    expect(tree.height).toBe(0)
    expect(Object.fromEntries(tree.tip.balances)).toEqual({ aki: 10, so: 7, satoshi: 5 })
  })

  it('extends the main chain with a valid block and applies its transactions', () => {
    const tree = newTree()
    const block = createBlock(genesis, { transactions: [createTx('so', 'aki', 3)] })
    const result = tree.add(block)
    expect(result.kind).toBe('accepted')
    expect(tree.tip.block).toBe(block)
    expect(Object.fromEntries(tree.tip.balances)).toEqual({ aki: 13, so: 4, satoshi: 5 })
  })

  it('drops a block it already knows', () => {
    const tree = newTree()
    const block = createBlock(genesis)
    tree.add(block)
    expect(tree.add(block).kind).toBe('known')
  })

  describe('refuses an invalid block, naming why', () => {
    const cases: [string, () => ReturnType<typeof createBlock>, string][] = [
      [
        'a hash that does not match',
        () => ({ ...createBlock(genesis), nonce: 999_999 }),
        'bad-hash',
      ],
      [
        'a hash that misses the difficulty',
        () => {
          const template = {
            id: 1,
            previous_block_hash: genesis.hash,
            timestamp: '2026/11/24 10:00:01',
            transactions: [],
            miner: 'node1',
          }
          for (let nonce = 0; ; nonce++) {
            const hash = hashBlock(template, nonce)
            if (!hash.startsWith('0')) return { ...template, hash, nonce }
          }
        },
        'insufficient-work',
      ],
      [
        'a wrong height',
        () =>
          mineBlock(
            {
              id: 5,
              previous_block_hash: genesis.hash,
              timestamp: '2026/11/24 10:00:01',
              transactions: [],
              miner: 'node1',
            },
            TEST_DIFFICULTY,
          ),
        'bad-height',
      ],
      ['a bad timestamp', () => createBlock(genesis, { timestamp: 'yesterday' }), 'bad-timestamp'],
      [
        'an overspend',
        () => createBlock(genesis, { transactions: [createTx('aki', 'so', 11)] }),
        'invalid-transaction',
      ],
      [
        'a transfer from an unknown account',
        () => createBlock(genesis, { transactions: [createTx('mallory', 'so', 1)] }),
        'invalid-transaction',
      ],
      [
        'the same transaction twice',
        () => {
          const tx = createTx('so', 'aki', 1)
          return createBlock(genesis, { transactions: [tx, tx] })
        },
        'duplicate-transaction',
      ],
    ]
    for (const [name, build, reason] of cases) {
      it(name, () => {
        const tree = newTree()
        expect(tree.add(build())).toEqual({ kind: 'refused', reason })
        expect(tree.height).toBe(0)
      })
    }
  })

  it('refuses a transaction already included earlier on the same branch', () => {
    const tree = newTree()
    const tx = createTx('so', 'aki', 1)
    const first = createBlock(genesis, { transactions: [tx] })
    tree.add(first)
    expect(tree.add(createBlock(first, { transactions: [tx] }))).toEqual({
      kind: 'refused',
      reason: 'duplicate-transaction',
    })
  })

  it('allows the same transaction on a rival branch', () => {
    const tree = newTree()
    const tx = createTx('so', 'aki', 1)
    tree.add(createBlock(genesis, { transactions: [tx], miner: 'node1' }))
    expect(tree.add(createBlock(genesis, { transactions: [tx], miner: 'node2' })).kind).toBe(
      'accepted',
    )
  })

  it('keeps the block it saw first when a rival of the same height arrives', () => {
    const tree = newTree()
    const first = createBlock(genesis, { miner: 'node1' })
    const rival = createBlock(genesis, { miner: 'node2' })
    tree.add(first)
    const result = tree.add(rival)
    expect(result).toMatchObject({ kind: 'accepted', tipChange: null })
    expect(tree.tip.block).toBe(first)
  })

  it('switches to a longer branch and reports what it abandoned and adopted', () => {
    const tree = newTree()
    const [a1, a2] = createChain(genesis, 2, 'node1')
    tree.add(a1!)
    tree.add(a2!)
    const [b1, b2, b3] = createChain(genesis, 3, 'node2')
    tree.add(b1!)
    tree.add(b2!)
    const result = tree.add(b3!)
    if (result.kind !== 'accepted' || !result.tipChange) throw new Error('expected a reorg')
    expect(result.tipChange.abandoned.map((e) => e.block)).toEqual([a2, a1])
    expect(result.tipChange.adopted.map((e) => e.block)).toEqual([b1, b2, b3])
    expect(tree.mainChain()).toEqual([genesis, b1, b2, b3])
  })

  it('holds a block with an unknown parent as an orphan and connects it when the parent comes', () => {
    const tree = newTree()
    const [c1, c2, c3] = createChain(genesis, 3)
    expect(tree.add(c3!).kind).toBe('orphan')
    expect(tree.add(c2!).kind).toBe('orphan')
    expect(tree.hasBlock(c3!.hash)).toBe(true)
    const result = tree.add(c1!)
    expect(result.kind === 'accepted' && result.added.map((e) => e.block)).toEqual([c1, c2, c3])
    expect(tree.height).toBe(3)
    expect(tree.orphanCount).toBe(0)
  })

  it('answers a block request with the blocks after the fork point the locator names', () => {
    const tree = newTree()
    const chain = createChain(genesis, 5)
    for (const block of chain) tree.add(block)
    const other = newTree()
    other.add(chain[0]!)
    other.add(chain[1]!)
    expect(tree.blocksSince(chain[4]!.hash, other.locator())).toEqual(chain.slice(2))
  })

  describe("resumed over entries held elsewhere (a saved run's blocks)", () => {
    /** A held view of everything `source` accepted, the way a recorder shares a run's blocks. */
    function heldFrom(source: BlockTree): HeldEntries {
      const entries = [...source.allEntries()]
      return {
        get: (hash) => entries.find((e) => e.block.hash === hash),
        values: () => entries,
        withTransaction: (id) =>
          entries.filter((e) => e.block.transactions.some((tx) => tx.id === id)),
        size: entries.length,
      }
    }

    const tx = createTx('so', 'aki', 1)
    const source = newTree()
    const a1 = createBlock(genesis, { transactions: [tx] })
    const a2 = createBlock(a1, { miner: 'node2' })
    source.add(a1)
    source.add(a2)
    const resume = () => BlockTree.resume(genesis, TEST_DIFFICULTY, heldFrom(source), a2.hash, [])

    it('has the same main chain, tip balances and blocks without copying them', () => {
      const tree = resume()
      expect(tree.mainChain()).toEqual(source.mainChain())
      expect(tree.tip).toBe(source.tip)
      expect(tree.hasBlock(a1.hash)).toBe(true)
      expect(tree.hasTransaction(tx.id)).toBe(true)
      expect(tree.isTransactionOnMainChain(tx.id)).toBe(true)
    })

    it('still refuses a transaction a held block included on the same branch', () => {
      const tree = resume()
      expect(tree.add(createBlock(a2, { transactions: [tx] }))).toEqual({
        kind: 'refused',
        reason: 'duplicate-transaction',
      })
    })

    it('lists held entries first, then what it accepted since, and reorganises across both', () => {
      const tree = resume()
      const [b1, b2, b3] = createChain(genesis, 3, 'node3')
      for (const block of [b1!, b2!]) expect(tree.add(block).kind).toBe('accepted')
      const result = tree.add(b3!)
      if (result.kind !== 'accepted' || !result.tipChange) throw new Error('expected a reorg')
      expect(result.tipChange.abandoned.map((e: ChainEntry) => e.block)).toEqual([a2, a1])
      expect([...tree.allEntries()].map((e) => e.block)).toEqual([genesis, a1, a2, b1, b2, b3])
      expect(tree.isTransactionOnMainChain(tx.id)).toBe(false)
    })
  })
})
