import type { LinkSummary, NodeSummary } from '../../../shared/api-types'
import type { RunState } from '../../../shared/run-types'
import { summaryOfSnapshot } from '../../../shared/node-summary'

/** A replayed state as the graph draws it: each node's summary and each link once. */
export function replayGraph(state: RunState | null): {
  summaries: NodeSummary[]
  links: LinkSummary[]
} {
  const nodes = state?.nodes ?? []
  // The live overview's briefs, an attacker's strategy included (the graph marks it ⚔).
  const summaries = nodes.map((n) => summaryOfSnapshot(n))
  const links: LinkSummary[] = []
  for (const n of nodes)
    for (const p of n.peers)
      if (n.id < p.id) links.push({ a: n.id, b: p.id, up: p.up, latency: p.latency })
  return { summaries, links }
}
