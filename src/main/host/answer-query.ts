import type { Network } from '../../core/network/network'
import { blockTree, snapshotNode } from '../../core/snapshot'
import type { NodeBrief, Query, QueryResult } from './network-host'

export function briefOf(network: Network, id: string): NodeBrief {
  const node = network.node(id)
  const tip = node.tree.tip
  return {
    id,
    started: node.started,
    clock: node.clock,
    status: node.status,
    height: tip.height,
    tip: tip.block.hash,
    pool: node.pool.size,
  }
}

/** Answers a query from a network this thread holds (the in-process host, or a worker's shard). */
export function answerQuery<Q extends Query>(network: Network, query: Q): QueryResult<Q> {
  return answer(network, query) as QueryResult<Q>
}

function answer(network: Network, query: Query): QueryResult<Query> {
  switch (query.type) {
    case 'briefs':
      return network.nodeIds.filter((id) => network.owns(id)).map((id) => briefOf(network, id))
    case 'brief':
      return briefOf(network, query.node)
    case 'clock':
      return network.clock
    case 'links':
      return network.allLinks()
    case 'node':
      return snapshotNode(network, query.node)
    case 'chain':
      return network.node(query.node).tree.mainChain()
    case 'block': {
      const tree = network.node(query.node).tree
      return tree.blockAt(query.height === 'latest' ? tree.height : query.height) ?? null
    }
    case 'tree':
      return blockTree(network, query.node)
    case 'block-by-hash': {
      const tree = network.node(query.node).tree
      return (
        tree.entry(query.hash)?.block ??
        tree.allOrphans().find((b) => b.hash === query.hash) ??
        null
      )
    }
    case 'peers':
      return network.peersOf(query.node)
    case 'state':
      return network.exportState()
    case 'checkpoint':
      return network.exportCheckpoint(query.since)
  }
}
