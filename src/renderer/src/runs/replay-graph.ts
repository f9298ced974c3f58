import type { LinkSummary, NodeSummary } from '../../../shared/api-types'
import type { RunState } from '../../../shared/run-types'
import { summaryOfSnapshot } from '../../../shared/node-summary'

/**
 * A replayed state's nodes as the graph draws them: the live overview's briefs, an attacker's
 * strategy included (the graph marks it ⚔).
 */
export function replaySummaries(state: RunState | null): NodeSummary[] {
  return (state?.nodes ?? []).map((n) => summaryOfSnapshot(n))
}

/** A replayed state's links as the graph draws them: each once. */
export function replayLinks(state: RunState | null): LinkSummary[] {
  const links: LinkSummary[] = []
  for (const n of state?.nodes ?? [])
    for (const p of n.peers)
      if (n.id < p.id) links.push({ a: n.id, b: p.id, up: p.up, latency: p.latency })
  return links
}
