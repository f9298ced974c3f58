import { createHash } from 'node:crypto'
import { mineBlock } from '../../src/core/pow/block-hash'
import { heading, row } from './report'

/** Proof-of-work hashes/s next to raw node:crypto double SHA-256 of a header of the same size. */
export function benchPow(): void {
  heading('Proof of work (one core)')
  const difficulty = 16
  let hashes = 0
  let started = performance.now()
  for (let i = 0; hashes < 400_000; i++) {
    const block = mineBlock(
      {
        id: i + 1,
        previous_block_hash: 'ab'.repeat(32),
        timestamp: '2026/11/24 10:00:07',
        transactions: [{ sender: 'aki', recipient: 'so', value: 1, id: `bench-${i}` }],
        miner: 'node1',
      },
      difficulty,
    )
    hashes += block.nonce + 1
  }
  const powRate = hashes / ((performance.now() - started) / 1000)

  const header = `1|${'ab'.repeat(32)}|2026/11/24 10:00:07|node1|${'cd'.repeat(32)}|`
  started = performance.now()
  const n = 400_000
  for (let nonce = 0; nonce < n; nonce++) {
    const once = createHash('sha256')
      .update(header + nonce)
      .digest()
    createHash('sha256').update(once).digest()
  }
  const rawRate = n / ((performance.now() - started) / 1000)
  row('mineBlock (difficulty 16)', powRate, 'hashes/s', `${hashes.toLocaleString('en')} hashes`)
  row('raw node:crypto double SHA-256, same header size', rawRate, 'hashes/s')
  row('ratio mineBlock / raw', powRate / rawRate, '×')
}
