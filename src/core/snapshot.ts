import { viewAttacker } from './attack/view-attacker'
import type { Block } from './chain/block'
import type { Network } from './network/network'
import type { NodeSnapshot, TreeBlock } from './snapshot-types'

export type { NodeSnapshot, PeerView, TreeBlock } from './snapshot-types'

export function snapshotNode(network: Network, id: string): NodeSnapshot {
  const node = network.node(id)
  const tip = node.tree.tip
  return {
    id,
    started: node.started,
    clock: node.clock,
    status: node.status,
    height: tip.height,
    tip: tip.block.hash,
    pool: node.pool.all(),
    peers: network.peersOf(id),
    balances: Object.fromEntries(tip.balances),
    queued: node.queueLength,
    orphans: node.tree.orphanCount,
    // Only an attacker's snapshot has the key: an honest node answers as it always did.
    ...(node.attacker
      ? { attack: viewAttacker(node.attacker.attack, node.attacker.exportState(), node.tree) }
      : {}),
  }
}

export function mainChain(network: Network, id: string): Block[] {
  return network.node(id).tree.mainChain()
}

export function blockTree(network: Network, id: string): TreeBlock[] {
  const tree = network.node(id).tree
  return [...tree.allEntries()].map((entry) => ({
    hash: entry.block.hash,
    parent: entry.block.previous_block_hash,
    height: entry.height,
    miner: entry.block.miner,
    transactions: entry.block.transactions.length,
    onMainChain: tree.isOnMainChain(entry),
  }))
}
