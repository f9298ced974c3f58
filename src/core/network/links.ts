import type { LinkSummary, PeerView } from '../snapshot-types'

/**
 * A link as the engine holds it: the link (`a` first in the node order), cut and healed in place,
 * with its ends' places in the node order for the hot path. Outside the engine it is a LinkSummary.
 */
export interface Link extends Omit<LinkSummary, 'up'> {
  up: boolean
  /** The ends' places in the node order. */
  readonly ia: number
  readonly ib: number
}

/**
 * The links of a network, indexed for the engine's hot path: each node's links in a map from the
 * peer's name, in the order they were made (the order a node broadcasts in), so sending, relaying
 * and the link check on arrival look up one small map and build no keys. All links are also kept
 * in the order they were made, which is the order states list them.
 */
export class LinkTable {
  private readonly byNode: Map<string, Link>[]
  private readonly all = new Set<Link>()

  constructor(
    count: number,
    private readonly indexOf: (node: string) => number,
  ) {
    this.byNode = Array.from({ length: count }, () => new Map())
  }

  /** The link between the node at index `i` and `peer`, if any. */
  between(i: number, peer: string): Link | undefined {
    return (this.byNode[i] as Map<string, Link>).get(peer)
  }

  get(a: string, b: string): Link | undefined {
    return this.byNode[this.indexOf(a)]?.get(b)
  }

  /** The links of the node at index `i`, by peer, in the order they were made. */
  of(i: number): ReadonlyMap<string, Link> {
    return this.byNode[i] as Map<string, Link>
  }

  add(a: string, b: string, latency: number): Link {
    let ia = this.indexOf(a)
    let ib = this.indexOf(b)
    if (ib < ia) [a, b, ia, ib] = [b, a, ib, ia]
    const link: Link = { a, b, ia, ib, up: true, latency }
    this.all.add(link)
    ;(this.byNode[ia] as Map<string, Link>).set(b, link)
    ;(this.byNode[ib] as Map<string, Link>).set(a, link)
    return link
  }

  remove(link: Link): void {
    this.all.delete(link)
    this.byNode[link.ia]?.delete(link.b)
    this.byNode[link.ib]?.delete(link.a)
  }

  clear(): void {
    this.all.clear()
    for (const links of this.byNode) links.clear()
  }

  list(): LinkSummary[] {
    return [...this.all].map(({ a, b, up, latency }) => ({ a, b, up, latency }))
  }

  /** The peers of the node at index `i`, in the node order. */
  peersOf(i: number): PeerView[] {
    return [...this.of(i)]
      .map(([peer, link]) => ({ peer, link, at: this.indexOf(peer) }))
      .sort((x, y) => x.at - y.at)
      .map(({ peer, link }) => ({ id: peer, up: link.up, latency: link.latency }))
  }
}
