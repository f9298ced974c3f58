import { NODE_STATUSES, STATUS_INDEX, type NodeStatus } from '../../core/node-status'
import type { Network } from '../../core/network/network'
import type { NodeBrief } from './network-host'

/**
 * A shard's nodes in brief as they cross to the main thread after a command or a step: a column
 * a field, each distinct tip once. As objects, 10,000 briefs a clock took a shard longer to make
 * and clone than the clock itself, and the main thread as long again to take in and collect.
 * The nodes are the shard's own, in the network's order.
 */
export interface ShippedBriefs {
  readonly started: Uint8Array
  readonly clocks: Float64Array
  /** Each node's status, as its index in NODE_STATUSES. */
  readonly statuses: Uint8Array
  readonly heights: Float64Array
  readonly pools: Float64Array
  /** The distinct tips, and each node's as an index into them: nodes mostly share a few. */
  readonly tips: readonly string[]
  readonly tipOf: Int32Array
}

/** The briefs of the nodes `network` owns. */
export function shipBriefs(network: Network): ShippedBriefs {
  const nodes = network.ownedNodes()
  const n = nodes.length
  const shipped = {
    started: new Uint8Array(n),
    clocks: new Float64Array(n),
    statuses: new Uint8Array(n),
    heights: new Float64Array(n),
    pools: new Float64Array(n),
    tips: [] as string[],
    tipOf: new Int32Array(n),
  }
  const tipIndex = new Map<string, number>()
  nodes.forEach((node, i) => {
    const tip = node.tree.tip
    let t = tipIndex.get(tip.block.hash)
    if (t === undefined) {
      t = shipped.tips.push(tip.block.hash) - 1
      tipIndex.set(tip.block.hash, t)
    }
    shipped.started[i] = node.started ? 1 : 0
    shipped.clocks[i] = node.clock
    shipped.statuses[i] = STATUS_INDEX.get(node.status) as number
    shipped.heights[i] = tip.height
    shipped.pools[i] = node.pool.size
    shipped.tipOf[i] = t
  })
  return shipped
}

/** The brief of the node at `i` of `ids`, the shipped briefs' nodes: briefOf's object, key for key. */
export function briefAt(ids: readonly string[], shipped: ShippedBriefs, i: number): NodeBrief {
  return {
    id: ids[i] as string,
    started: shipped.started[i] === 1,
    clock: shipped.clocks[i] as number,
    status: NODE_STATUSES[shipped.statuses[i] as number] as NodeStatus,
    height: shipped.heights[i] as number,
    tip: shipped.tips[shipped.tipOf[i] as number] as string,
    pool: shipped.pools[i] as number,
  }
}
