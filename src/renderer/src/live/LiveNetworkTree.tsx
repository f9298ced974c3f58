import { memo, useEffect, useState } from 'react'
import type { LinkSummary } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'
import type { NetworkTreeBuilder } from '../chain/network-tree'
import { NetworkTreeView } from '../chain/NetworkTreeView'

/** Above this many nodes the view does not ask each node for the blocks it knew before. */
const SEED_NODES = 32

/**
 * The live network's merged block tree. The event stream brings every block accepted from now
 * on; the blocks the nodes knew before this view opened are asked for once, per node.
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
  useEffect(() => {
    if (nodes.length > SEED_NODES) return
    let live = true
    void Promise.all(nodes.map((n) => client.getBlockTree({ node: n }))).then(
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
