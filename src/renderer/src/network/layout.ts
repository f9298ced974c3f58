/** Node positions on a circle, node1 at the top, clockwise: stable as the network runs. */
export function circleLayout(
  ids: readonly string[],
  size: number,
): Map<string, { x: number; y: number }> {
  const center = size / 2
  const radius = ids.length === 1 ? 0 : size / 2 - 40
  return new Map(
    ids.map((id, i) => {
      const angle = (2 * Math.PI * i) / ids.length - Math.PI / 2
      return [id, { x: center + radius * Math.cos(angle), y: center + radius * Math.sin(angle) }]
    }),
  )
}

/** Vogel's golden angle: successive nodes of the spiral fall into the widest gap. */
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5))

/**
 * Node positions filling a disc (a sunflower spiral), node1 at the centre: thousands of nodes
 * on one circle are under a pixel apart, so that a click cannot tell them apart until the force
 * layout arrives (seconds later, from its worker); over the disc's area 2,000 nodes in 400
 * pixels are about 8 pixels apart. The force layout starts from it too.
 */
export function discLayout(
  ids: readonly string[],
  size: number,
): Map<string, { x: number; y: number }> {
  const center = size / 2
  const radius = size / 2 - 40
  return new Map(
    ids.map((id, i) => {
      const r = radius * Math.sqrt((i + 0.5) / ids.length)
      const angle = i * GOLDEN_ANGLE
      return [id, { x: center + r * Math.cos(angle), y: center + r * Math.sin(angle) }]
    }),
  )
}
