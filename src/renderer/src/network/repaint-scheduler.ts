import type { GraphChanges } from './graph-model'

/** What the scheduler asks of sigma: repaint these nodes and links on the next frame. */
export interface Repaintable {
  refresh(options: {
    partialGraph: { nodes: string[]; edges: string[] }
    skipIndexation: true
    schedule: true
  }): unknown
}

/**
 * Milliseconds between two repaints of a graph with `links` links while its looks keep changing.
 * Each repaint draws every link again (sigma has no layer it can keep), and drawn in software
 * (no GPU, as in headless Chromium) 8,000 links take 40-90 ms on this loaded machine: repainted
 * on every clock of a 2,000-node network playing at 20 clocks a second, they took every frame.
 * A few hundred links cost nothing, and small networks repaint on every change.
 */
export function repaintGapMs(links: number): number {
  return Math.min(500, Math.floor(links / 100))
}

/**
 * Gathers the nodes and links whose look changed and has them repainted at most once per
 * `gapMs` (the first change after a quiet spell at once); a selection is repainted after the
 * next paint, so that the details it opens are on screen a frame before the graph is redrawn.
 */
export class RepaintScheduler {
  private readonly nodes = new Set<string>()
  private readonly edges = new Set<string>()
  private last = -Infinity
  private timer: ReturnType<typeof setTimeout> | undefined
  private frame: number | undefined

  constructor(
    private readonly renderer: Repaintable,
    private readonly gapMs: number,
    private readonly exists: { node(id: string): boolean; edge(key: string): boolean },
  ) {}

  /** Whether changes are waiting to be repainted. */
  get pending(): boolean {
    return this.nodes.size + this.edges.size > 0
  }

  /** Changes from the clock: repainted once the gap since the last repaint has passed. */
  add(changes: GraphChanges): void {
    this.gather(changes)
    if (this.timer !== undefined || this.frame !== undefined) return
    const wait = Math.max(0, this.last + this.gapMs - performance.now())
    this.timer = setTimeout(() => this.flush(), wait)
  }

  /** Changes from a person (a selection): repainted after the next paint, whatever the gap. */
  soon(changes: GraphChanges): void {
    this.gather(changes)
    if (this.frame !== undefined) return
    clearTimeout(this.timer)
    this.timer = undefined
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined
      this.timer = setTimeout(() => this.flush(), 0)
    })
  }

  stop(): void {
    clearTimeout(this.timer)
    if (this.frame !== undefined) cancelAnimationFrame(this.frame)
    this.timer = this.frame = undefined
  }

  private gather(changes: GraphChanges): void {
    for (const id of changes.nodes) this.nodes.add(id)
    for (const key of changes.edges) this.edges.add(key)
  }

  private flush(): void {
    this.timer = undefined
    const nodes = [...this.nodes].filter((id) => this.exists.node(id))
    const edges = [...this.edges].filter((key) => this.exists.edge(key))
    this.nodes.clear()
    this.edges.clear()
    if (nodes.length + edges.length === 0) return
    this.last = performance.now()
    this.renderer.refresh({ partialGraph: { nodes, edges }, skipIndexation: true, schedule: true })
  }
}
