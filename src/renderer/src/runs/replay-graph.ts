import type { LinkSummary, NodeSummary } from '../../../shared/api-types'
import type { RunState } from '../../../shared/run-types'

/** A replayed state as the graph draws it: each node's summary and each link once. */
export function replayGraph(state: RunState | null): {
  summaries: NodeSummary[]
  links: LinkSummary[]
} {
  const nodes = state?.nodes ?? []
  const summaries = nodes.map((n) => ({
    id: n.id,
    port: null,
    started: n.started,
    clock: n.clock,
    status: n.status,
    height: n.height,
    tip: n.tip,
    pool: n.pool.length,
  }))
  const links: LinkSummary[] = []
  for (const n of nodes)
    for (const p of n.peers)
      if (n.id < p.id) links.push({ a: n.id, b: p.id, up: p.up, latency: p.latency })
  return { summaries, links }
}
