import { useEffect, useMemo, useState } from 'react'
import type { NetworkInfo } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'
import { NetworkTreeView } from '../chain/NetworkTreeView'
import type { LiveLab } from '../store/live-lab'

/** Above this many nodes the view does not ask each node for the blocks it knew before. */
const SEED_NODES = 32

/**
 * The live network's merged block tree. The event stream brings every block accepted from now
 * on; the blocks the nodes knew before this view opened are asked for once, per node.
 */
export function LiveNetworkTree(props: {
  client: LabClient
  lab: LiveLab
  network: NetworkInfo
  node: string | null
}) {
  const { client, lab, network, node } = props
  const [selected, setSelected] = useState<string | null>(null)
  const [seeded, setSeeded] = useState(0)
  const ids = network.nodes.map((n) => n.id).join(',')
  const tree = lab.tree
  // The same array while the nodes are the same: the partition's sides are worked out again
  // only when the nodes or the links change, not on every clock.
  const nodes = useMemo(() => ids.split(','), [ids])
  useEffect(() => {
    const nodes = ids.split(',')
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
  }, [client, ids, tree])
  const tipKey = network.nodes.map((n) => `${n.id}=${n.tip}`).join(',')
  const tips = useMemo(
    () => Object.fromEntries(tipKey.split(',').map((kv) => kv.split('=') as [string, string])),
    [tipKey],
  )
  return (
    <NetworkTreeView
      blocks={tree.blocks}
      whole={tree.whole}
      version={lab.version + seeded}
      nodes={nodes}
      tips={tips}
      links={network.links}
      node={node}
      selected={selected}
      onSelect={setSelected}
      attacks={tree.attacks}
    />
  )
}
