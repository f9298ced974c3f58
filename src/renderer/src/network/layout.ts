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
