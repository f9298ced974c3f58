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
  /** The link's place in the table's columns (see LinkTable.adjacencyOf). */
  readonly slot: number
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
  /**
   * How many times a link went down (cut or removed): messages in flight sent since the last
   * time are known to have their links still up, without looking each one up.
   */
  downs = 0
  /** Per link slot: 1 while up. A broadcast reads this, not the links. */
  private upFlags = new Uint8Array(64)
  private slots = 0
  /**
   * Per node: its peers, their links' slots and latencies, in threes, in the order made (null:
   * stale). Latencies are integers (see config).
   */
  private readonly adjacency: (Int32Array | null)[]
  /**
   * The links as summaries, made again only after a change (null: stale): a recorded run
   * checkpoints its 8,000 unchanged links every 500 clocks.
   */
  private summaries: readonly LinkSummary[] | null = null

  constructor(
    count: number,
    private readonly indexOf: (node: string) => number,
  ) {
    this.byNode = Array.from({ length: count }, () => new Map())
    this.adjacency = new Array<Int32Array | null>(count).fill(null)
  }

  /**
   * The node at index `i`'s links as (peer index, slot, latency) threes, in the order they were
   * made (the order it broadcasts in): a broadcast walks one small typed array, not the links.
   */
  adjacencyOf(i: number): Int32Array {
    const known = this.adjacency[i]
    if (known) return known
    const links = this.byNode[i] as Map<string, Link>
    const threes = new Int32Array(3 * links.size)
    let k = 0
    for (const link of links.values()) {
      threes[k++] = link.ia === i ? link.ib : link.ia
      threes[k++] = link.slot
      threes[k++] = link.latency
    }
    this.adjacency[i] = threes
    return threes
  }

  /** Where peer `to` is in the node at index `i`'s adjacency (a multiple of 3), or -1. */
  placeOf(i: number, to: number): number {
    const threes = this.adjacencyOf(i)
    for (let k = 0; k < threes.length; k += 3) if (threes[k] === to) return k
    return -1
  }

  isUpAt(slot: number): boolean {
    return this.upFlags[slot] === 1
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
    const slot = this.slots++
    if (slot === this.upFlags.length) this.growSlots()
    this.upFlags[slot] = 1
    const link: Link = { a, b, ia, ib, up: true, latency, slot }
    this.summaries = null
    this.adjacency[ia] = null
    this.adjacency[ib] = null
    this.all.add(link)
    ;(this.byNode[ia] as Map<string, Link>).set(b, link)
    ;(this.byNode[ib] as Map<string, Link>).set(a, link)
    return link
  }

  /** Cuts or heals a link. */
  setUp(link: Link, up: boolean): void {
    if (link.up && !up) this.downs++
    if (link.up !== up) this.summaries = null
    link.up = up
    this.upFlags[link.slot] = up ? 1 : 0
  }

  remove(link: Link): void {
    this.downs++
    this.summaries = null
    this.upFlags[link.slot] = 0
    this.adjacency[link.ia] = null
    this.adjacency[link.ib] = null
    this.all.delete(link)
    this.byNode[link.ia]?.delete(link.b)
    this.byNode[link.ib]?.delete(link.a)
  }

  clear(): void {
    this.downs++
    this.summaries = null
    this.upFlags.fill(0)
    this.adjacency.fill(null)
    this.all.clear()
    for (const links of this.byNode) links.clear()
  }

  private growSlots(): void {
    const upFlags = new Uint8Array(this.upFlags.length * 2)
    upFlags.set(this.upFlags)
    this.upFlags = upFlags
  }

  list(): LinkSummary[] {
    this.summaries ??= [...this.all].map(({ a, b, up, latency }) => ({ a, b, up, latency }))
    // A list of its own (its summaries are shared, and never changed: a change makes new ones).
    return this.summaries.slice()
  }

  /** The peers of the node at index `i`, in the node order. */
  peersOf(i: number): PeerView[] {
    return [...this.of(i)]
      .map(([peer, link]) => ({ peer, link, at: this.indexOf(peer) }))
      .sort((x, y) => x.at - y.at)
      .map(({ peer, link }) => ({ id: peer, up: link.up, latency: link.latency }))
  }
}
