// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TreeBlock } from '../../../src/core/snapshot-types'
import type { LabClient } from '../../../src/shared/lab-bridge'
import { NetworkTreeBuilder } from '../../../src/renderer/src/chain/network-tree'
import { LiveNetworkTree } from '../../../src/renderer/src/live/LiveNetworkTree'

const GENESIS = 'g'.repeat(64)
const block = (hash: string, parent: string, height: number): TreeBlock => ({
  hash: hash.repeat(64),
  parent: parent.length === 64 ? parent : parent.repeat(64),
  height,
  miner: 'node1',
  transactions: 0,
  onMainChain: true,
})
/** A fork at height 2: half the nodes on a, half on b. */
const TREES: Record<string, TreeBlock[]> = {
  a: [block('1', GENESIS, 1), block('a', '1', 2)],
  b: [block('1', GENESIS, 1), block('b', '1', 2)],
}

/**
 * The tree of `count` nodes, half of them at each tip, opened on a network that ran before;
 * `ownTips`: every node at a tip of its own (the same blocks, told apart only by the tip).
 */
function openOn(count: number, ownTips = false) {
  const nodes = Array.from({ length: count }, (_, i) => `node${i + 1}`)
  const tipOf = (node: string) => (Number(node.slice(4)) <= count / 2 ? 'a' : 'b')
  const tips = Object.fromEntries(
    nodes.map((n) => [n, ownTips ? `${n}:`.padEnd(64, '0') : tipOf(n).repeat(64)]),
  )
  const getBlockTree = vi.fn(async ({ node }: { node: string }) => TREES[tipOf(node)] ?? [])
  render(
    <LiveNetworkTree
      client={{ getBlockTree } as Partial<LabClient> as LabClient}
      tree={new NetworkTreeBuilder()}
      revision={0}
      nodes={nodes}
      tips={tips}
      links={[]}
      node={null}
    />,
  )
  return getBlockTree
}

describe('the live block tree as it opens on a network that has run', () => {
  afterEach(cleanup)

  it('asks every node of a small network for the blocks it knew, up to 32 of them', async () => {
    const asked = openOn(32)
    await screen.findByRole('group', { name: /Blocks of heights 1 to 2; 1 off the best chain/ })
    expect(asked).toHaveBeenCalledTimes(32)
  })

  it('asks at most 32 nodes, however many tips a large network has', async () => {
    const asked = openOn(100, true)
    await screen.findByRole('group', { name: /Blocks of heights 1 to 2/ })
    expect(asked.mock.calls.map(([{ node }]) => node)).toEqual(
      Array.from({ length: 32 }, (_, i) => `node${i + 1}`),
    )
  })

  it('asks a large network one node at each tip, and shows both branches of its fork', async () => {
    const asked = openOn(2_000)
    await screen.findByRole('group', { name: /Blocks of heights 1 to 2; 1 off the best chain/ })
    expect(asked.mock.calls.map(([{ node }]) => node)).toEqual(['node1', 'node1001'])
    await waitFor(() => expect(screen.queryByText(/Only genesis so far/)).toBeNull())
  })
})
