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
  const free = (lane: number, height: number) => !taken.has(`${lane}:${height}`)
  for (const block of ordered) {
    let lane = 0
    if (!block.onMainChain) {
      // Continue the parent's fork lane if it is free here; else the lowest free lane, so lanes
      // are reused once a fork ends and a long history stays a few rows tall.
      const parentLane = laneOf.get(block.parent)
      lane =
        parentLane !== undefined && parentLane > 0 && free(parentLane, block.height)
          ? parentLane
          : 1
      while (!free(lane, block.height)) lane++
    }
    taken.add(`${lane}:${block.height}`)
    laneOf.set(block.hash, lane)
    placed.push({ ...block, lane })
  }
  return placed
}
