import { Network } from '../../src/core/network/network'
import type { NetworkConfigInput } from '../../src/core/config'

/** A started network with the spec's defaults and a low difficulty, so tests take microseconds. */
export function createStartedNetwork(config: NetworkConfigInput = {}): Network {
  const network = new Network({ difficulty: 4, ...config })
  network.start()
  return network
}

/** Every node's status, as `node=status` joined with spaces, for compact timeline assertions. */
export function statuses(network: Network): string {
  return network.nodeIds.map((id) => `${id}=${network.node(id).status}`).join(' ')
}

/** Steps the network until every node is idle with nothing queued, or fails after `limit` clocks. */
export function stepUntilQuiet(network: Network, limit = 1_000): void {
  for (let i = 0; i < limit; i++) {
    const quiet = network.nodeIds.every((id) => {
      const node = network.node(id)
      return node.status === 'idle' && node.queueLength === 0 && !node.currentActivity
    })
    if (quiet) return
    network.step(1)
  }
  throw new Error(`network still busy after ${limit} clocks`)
}

/** Every node's main-chain tip hash. */
export function tips(network: Network): string[] {
  return network.nodeIds.map((id) => network.node(id).tree.tip.block.hash)
}
