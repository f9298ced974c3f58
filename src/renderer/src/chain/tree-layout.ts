import type { TreeBlock } from '../../../shared/api-types'

export interface PlacedBlock extends TreeBlock {
  readonly lane: number
}

/**
 * Lays a block tree out in lanes: the main chain in lane 0, each fork in a lane of its own,
 * continuing its parent's lane where it can. Heights run left to right.
 */
export function layoutTree(blocks: readonly TreeBlock[]): PlacedBlock[] {
  const laneOf = new Map<string, number>()
  const taken = new Set<string>()
  const placed: PlacedBlock[] = []
  const ordered = [...blocks].sort(
    (a, b) => Number(b.onMainChain) - Number(a.onMainChain) || a.height - b.height,
  )
  let lanes = 1
  for (const block of ordered) {
    let lane = block.onMainChain ? 0 : (laneOf.get(block.parent) ?? 1)
    if (!block.onMainChain && (lane === 0 || taken.has(`${lane}:${block.height}`))) lane = lanes++
    if (block.onMainChain && lanes < 1) lanes = 1
    taken.add(`${lane}:${block.height}`)
    laneOf.set(block.hash, lane)
    placed.push({ ...block, lane })
  }
  return placed
}
