import type { LinkSummary } from '../../../shared/api-types'

export interface Point {
  readonly x: number
  readonly y: number
}

/** How far from a link's line, in pixels, a click still means that link. */
export const LINK_HIT_PX = 6

/** The distance from `p` to the segment from `a` to `b`. */
function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const length2 = dx * dx + dy * dy
  const t =
    length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2))
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
}

/**
 * The link a click at `point` means: the nearest whose drawn line passes within `tolerance`
 * pixels, or null. Worked out from where the nodes are drawn rather than from sigma's edge
 * events, which (sigma 3.0.3, in Chromium) answered only for the first link of a triangle; a
 * walk over every link is cheap for the few hundred a clickable network has, once per click.
 */
export function linkAtPoint(
  point: Point,
  links: readonly LinkSummary[],
  drawnAt: (node: string) => Point | null,
  tolerance = LINK_HIT_PX,
): LinkSummary | null {
  let best: LinkSummary | null = null
  let bestDistance = tolerance
  for (const link of links) {
    const a = drawnAt(link.a)
    const b = drawnAt(link.b)
    if (!a || !b) continue
    const distance = distanceToSegment(point, a, b)
    if (distance <= bestDistance) {
      best = link
      bestDistance = distance
    }
  }
  return best
}
