import type { LinkSummary, NodeSnapshot, NodeSummary, TreeBlock } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'

/**
 * What the followed node's answers depend on, as the overview shows it: its state key changes
 * when anything a node's answer shows may have changed (its clock, status, chain, pool, or one
 * of its links cut or healed), its chain key when its block tree may have.
 */
export function followedKeys(
  summary: NodeSummary | undefined,
  links: readonly LinkSummary[],
): { state: string; chain: string } {
  if (!summary) return { state: '', chain: '' }
  const id = summary.id
  let peers = ''
  for (const l of links) if (l.a === id || l.b === id) peers += `${l.a}-${l.b}${l.up ? '+' : '-'}`
  const chain = `${summary.height}:${summary.tip}`
  return {
    state: `${summary.started}:${summary.clock}:${summary.status}:${chain}:${summary.pool}:${peers}`,
    chain,
  }
}

/** An early answer is taken only this soon after the press: a click follows within a second. */
const FRESH_MS = 1_000

interface Early {
  readonly node: string
  readonly state: string
  readonly at: number
  readonly snapshot: Promise<NodeSnapshot>
  readonly tree: Promise<TreeBlock[]>
}

/**
 * A node's answers asked for when the pointer presses on it, for the click that follows to take.
 * A person's click holds the button down for about a tenth of a second; the answers are on their
 * way meanwhile, so the node's balances, peers and pool show with its selection, not a round trip
 * after it. Taken only while the node's state key is the one it was asked at (nothing it shows
 * changed in between), and only once.
 */
export class EarlyNodeAnswer {
  private early: Early | null = null

  constructor(private readonly client: LabClient) {}

  ask(node: string, state: string): void {
    if (state === '') return
    const early: Early = {
      node,
      state,
      at: performance.now(),
      snapshot: this.client.getNode({ node }),
      tree: this.client.getBlockTree({ node }),
    }
    // Not taken, a failed answer is no one's error: the click asks again.
    early.snapshot.catch(() => undefined)
    early.tree.catch(() => undefined)
    this.early = early
  }

  /** The answers asked early for this node at this state, if any: once. */
  take(node: string, state: string): Pick<Early, 'snapshot' | 'tree'> | null {
    const early = this.early
    if (early?.node !== node) return null
    this.early = null
    return early.state === state && performance.now() - early.at < FRESH_MS ? early : null
  }
}
