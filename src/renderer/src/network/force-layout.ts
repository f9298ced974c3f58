import Graph from 'graphology'
import forceAtlas2 from 'graphology-layout-forceatlas2'

/** What the layout worker is given: node ids, links as index pairs, and seed positions. */
export interface LayoutRequest {
  readonly ids: readonly string[]
  /** Pairs of indices into `ids`, flattened: [a0, b0, a1, b1, ...]. */
  readonly links: Uint32Array
  /** Seed positions, flattened: [x0, y0, x1, y1, ...]. */
  readonly seed: Float32Array
}

/** Fewer passes for larger networks: each costs about n log n, and the first ones matter most. */
export function iterationsFor(count: number): number {
  if (count <= 100) return 500
  if (count <= 2_000) return 150
  return 60
}

/**
 * ForceAtlas2 (graphology's implementation) from the seed positions: linked nodes pull together,
 * all nodes push apart, so clusters, bridges and partitions show. Pure and deterministic for a
 * given request, which is why it runs once per topology in a worker and the result is reused.
 */
export function forceLayout(
  request: LayoutRequest,
  iterations = iterationsFor(request.ids.length),
) {
  const graph = new Graph({ type: 'undirected', multi: false })
  request.ids.forEach((id, i) =>
    graph.addNode(id, { x: request.seed[2 * i] ?? 0, y: request.seed[2 * i + 1] ?? 0 }),
  )
  for (let i = 0; i + 1 < request.links.length; i += 2) {
    const a = request.ids[request.links[i] as number]
    const b = request.ids[request.links[i + 1] as number]
    if (a !== undefined && b !== undefined && a !== b && !graph.hasEdge(a, b)) graph.addEdge(a, b)
  }
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    barnesHutOptimize: request.ids.length > 500,
  }
  const at = forceAtlas2(graph, { iterations, settings })
  const out = new Float32Array(request.ids.length * 2)
  request.ids.forEach((id, i) => {
    out[2 * i] = at[id]?.x ?? 0
    out[2 * i + 1] = at[id]?.y ?? 0
  })
  return out
}
