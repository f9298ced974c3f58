import type { Point } from './link-at-point'

/** How far from a node's centre, in pixels, a click still means that node, however small. */
export const NODE_HIT_PX = 6

/**
 * The node a click at `point` means: the nearest drawn within `tolerance` pixels (or its own
 * drawn radius, if larger), or null. Large networks are drawn as points, which sigma's picking
 * buffer (drawn at half resolution) does not hold at two pixels wide, so a click on one found
 * nothing; and reading that buffer waits for the GPU to finish the frame. A walk over 10,000
 * drawn positions takes about a millisecond, once per click.
 */
export function nodeAtPoint(
  point: Point,
  nodes: Iterable<{ readonly id: string; readonly at: Point; readonly radius: number }>,
  tolerance = NODE_HIT_PX,
): string | null {
  let best: string | null = null
  let bestDistance = Infinity
  for (const { id, at, radius } of nodes) {
    const distance = Math.hypot(point.x - at.x, point.y - at.y)
    if (distance <= Math.max(tolerance, radius) && distance < bestDistance) {
      best = id
      bestDistance = distance
    }
  }
  return best
}
