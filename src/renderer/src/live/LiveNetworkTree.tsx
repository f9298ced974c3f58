import { memo, useEffect, useRef, useState } from 'react'
import type { LinkSummary } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'
import type { NetworkTreeBuilder } from '../chain/network-tree'
import { NetworkTreeView } from '../chain/NetworkTreeView'

/** The most nodes asked for the blocks they knew before the view opened. */
const SEED_NODES = 32

/**
 * Who is asked for the blocks known before the view opened: every node of a small network; of a
 * larger one, one node at each distinct tip, up to SEED_NODES. Its tree holds its branch to
 * genesis and every rival it took in; nodes mostly share a few tips. (A larger network was not
 * asked at all, and a page opened at height 5 showed only genesis, then blocks hanging from
 * nothing.)
 */
function askedForBlocks(
  nodes: readonly string[],
  tips: Readonly<Record<string, string>>,
): readonly string[] {
  if (nodes.length <= SEED_NODES) return nodes
  const atTip = new Map<string, string>()
  for (const node of nodes) {
    const tip = tips[node]
    if (tip !== undefined && !atTip.has(tip)) atTip.set(tip, node)
  }
  return [...atTip.values()].slice(0, SEED_NODES)
}

/**
 * The live network's merged block tree. The event stream brings every block accepted from now
 * on; the blocks the nodes knew before this view opened are asked for once (askedForBlocks).
 *
 * Memoised, and given only what it draws: the tree's own revision and the nodes' tips, not the
 * whole overview, which is new on every clock. While the network plays, most
 * clocks bring no block, and the tree is not drawn again for them.
 */
export const LiveNetworkTree = memo(function LiveNetworkTree(props: {
  client: LabClient
  tree: NetworkTreeBuilder
  /** The tree's revision when rendered: it grows in place. */
  revision: number
  nodes: readonly string[]
  /** Each node's tip: the same object while no tip moves (LiveLab.tips). */
  tips: Readonly<Record<string, string>>
  links: readonly LinkSummary[]
  node: string | null
}) {
  const { client, tree, revision, nodes, tips, links, node } = props
  const [selected, setSelected] = useState<string | null>(null)
  const [seeded, setSeeded] = useState(0)
  // Read when the view opens, not followed: the tips move on every block.
  const tipsNow = useRef(tips)
  tipsNow.current = tips
  useEffect(() => {
    let live = true
    const asked = askedForBlocks(nodes, tipsNow.current)
    void Promise.all(asked.map((n) => client.getBlockTree({ node: n }))).then(
      (known) => {
        if (!live) return
        for (const blocks of known) tree.seed(blocks)
        setSeeded((n) => n + 1)
      },
      () => undefined,
    )
    return () => {
      live = false
    }
    // Once per network and per tree (a reset starts a new one), not on every clock.
  }, [client, nodes, tree])
  return (
    <NetworkTreeView
      blocks={tree.blocks}
      whole={tree.whole}
      version={revision + seeded}
      nodes={nodes}
      tips={tips}
      links={links}
      node={node}
      selected={selected}
      onSelect={setSelected}
      attacks={tree.attacks}
    />
  )
})
