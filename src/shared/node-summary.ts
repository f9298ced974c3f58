import type { NodeSnapshot, NodeSummary } from './api-types'

/**
 * A node's snapshot as the overview lists it: what a replay's state or a branch's start shows
 * where the live lab shows its briefs. The port is the live lab's alone (none in a replay); an
 * attacker's strategy comes with it, so a replay's graph marks it as the live one does.
 */
export function summaryOfSnapshot(node: NodeSnapshot, port: number | null = null): NodeSummary {
  return {
    id: node.id,
    port,
    started: node.started,
    clock: node.clock,
    status: node.status,
    height: node.height,
    tip: node.tip,
    pool: node.pool.length,
    ...(node.attack ? { strategy: node.attack.strategy } : {}),
  }
}
