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
 * Milliseconds between two repaints of a graph with `links` links while its looks keep changing,
 * before the scheduler has timed a repaint. Each repaint draws every link again (sigma has no
 * layer it can keep), and drawn in software (no GPU, as in headless Chromium) 8,000 links take
 * 40-90 ms on this loaded machine: repainted on every clock of a 2,000-node network playing at
 * 20 clocks a second, they took every frame. A few hundred links cost nothing, and small
 * networks repaint on every change.
 */
export function repaintGapMs(links: number): number {
  return Math.min(500, Math.floor(links / 100))
}

/** A frame that draws nothing of the graph: what a repaint's frame is measured against. */
const PLAIN_FRAME_MS = 1000 / 60
/**
 * Frames between two repaints for each frame a repaint takes beyond a plain one: the graph's
 * repaints then take at most a quarter of the page's time, whatever the machine and the size.
 */
const FRAMES_APART = 3
/** The longest wait between repaints: the graph still follows the network, if by steps. */
const MAX_GAP_MS = 2_000

/** Where the scheduler reads the network's latest looks and hears of the frames it draws. */
export interface SchedulerHooks {
  /** Whether the graph still has a node or a link (the network may have changed meanwhile). */
  node(id: string): boolean
  edge(key: string): boolean
  /** Brings the looks up to the latest overview and names what changed (see `changed`). */
  sync?(): GraphChanges
}

/**
 * Gathers the nodes and links whose look changed and has them repainted at most once per gap
 * (the first change after a quiet spell at once); a selection is repainted after the next paint,
 * so that the details it opens are on screen a frame before the graph is redrawn.
 *
 * The gap starts at `repaintGapMs` and follows what a repaint costs: each repaint's frame is
 * timed, and the gap is kept at three times what it took beyond a plain frame. While a large
 * network plays fast, repaints are skipped, not frames: the page stays responsive and the graph
 * shows the latest clock at each repaint.
 */
export class RepaintScheduler {
  private readonly nodes = new Set<string>()
  private readonly edges = new Set<string>()
  /** An overview arrived since the looks were last synced. */
  private stale = false
  private last = -Infinity
  private gap: number
  private excess = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  private frame: number | undefined
  private stopped = false
  /** Off screen: changes are gathered, and repainted once the graph is back in view. */
  private held = false

  constructor(
    private readonly renderer: Repaintable,
    private readonly baseGapMs: number,
    private readonly hooks: SchedulerHooks,
  ) {
    this.gap = baseGapMs
  }

  /** Whether changes are waiting to be repainted. */
  get pending(): boolean {
    return this.stale || this.nodes.size + this.edges.size > 0
  }

  /**
   * Whether overviews are synced when the scheduler repaints (`changed`) rather than as they
   * come: a large network's, whose repaints are paced. A small network's are synced at once, so
   * that its looks follow every clock as it is shown.
   */
  get paced(): boolean {
    return this.baseGapMs > 0
  }

  /** The wait between two repaints now. */
  get gapMs(): number {
    return this.gap
  }

  /**
   * A new overview: the looks are synced (`hooks.sync`) and repainted once the gap has passed,
   * so that overviews arriving faster than repaints cost one sync, not one each.
   */
  changed(): void {
    this.stale = true
    this.schedule()
  }

  /** Changes already named: repainted once the gap since the last repaint has passed. */
  add(changes: GraphChanges): void {
    this.gather(changes)
    this.schedule()
  }

  /**
   * Changes a person waits for (a replay's scrubbed clock): repainted in the next frame, whatever
   * the gap, with whatever else was waiting.
   */
  now(changes: GraphChanges): void {
    this.gather(changes)
    if (this.held) return
    this.cancel()
    this.flush()
  }

  /** Changes from a person (a selection): repainted after the next paint, whatever the gap. */
  soon(changes: GraphChanges): void {
    this.gather(changes)
    if (this.frame !== undefined || this.held) return
    this.cancel()
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined
      this.timer = setTimeout(() => this.flush(), 0)
    })
  }

  /**
   * How long a repaint's frame took: the gap becomes three times its excess over a plain frame
   * (averaged over the last few), never below the starting gap nor above two seconds. A small
   * network's (a starting gap of 0) stays 0.
   */
  frameTook(ms: number): void {
    // A small network repaints on every change: its repaints cost nothing, and a long frame
    // then is the rest of the page's.
    if (this.baseGapMs === 0) return
    this.excess = 0.5 * this.excess + 0.5 * Math.max(0, ms - PLAIN_FRAME_MS)
    this.gap = Math.min(MAX_GAP_MS, Math.max(this.baseGapMs, FRAMES_APART * this.excess))
  }

  /**
   * Holds repaints while the graph is off screen (`true`), and repaints what changed meanwhile
   * once it is back (`false`). A changed WebGL canvas costs the page's frame even out of view:
   * drawn in software (no GPU), it is read back for the compositor at every commit.
   */
  hold(held: boolean): void {
    if (this.held === held) return
    this.held = held
    if (held) {
      this.cancel()
    } else if (this.pending) this.schedule()
  }

  stop(): void {
    this.stopped = true
    this.cancel()
  }

  /** Drops the repaint waiting for its gap or its frame (what it would repaint stays gathered). */
  private cancel(): void {
    clearTimeout(this.timer)
    if (this.frame !== undefined) cancelAnimationFrame(this.frame)
    this.timer = this.frame = undefined
  }

  private schedule(): void {
    if (this.timer !== undefined || this.frame !== undefined || this.held) return
    const wait = Math.max(0, this.last + this.gap - performance.now())
    this.timer = setTimeout(() => this.flush(), wait)
  }

  private gather(changes: GraphChanges): void {
    for (const id of changes.nodes) this.nodes.add(id)
    for (const key of changes.edges) this.edges.add(key)
  }

  private flush(): void {
    this.timer = undefined
    // Not stale while syncing: the sync asks `pending` to know whether the clock it brings is
    // shown at once (nothing to repaint) or after the repaint; stale, it would wait for a
    // repaint that never comes when the new clock changed no look (a replay's scrub).
    const stale = this.stale
    this.stale = false
    if (stale && this.hooks.sync) this.gather(this.hooks.sync())
    const nodes = [...this.nodes].filter((id) => this.hooks.node(id))
    const edges = [...this.edges].filter((key) => this.hooks.edge(key))
    this.nodes.clear()
    this.edges.clear()
    if (nodes.length + edges.length === 0) return
    this.last = performance.now()
    this.renderer.refresh({ partialGraph: { nodes, edges }, skipIndexation: true, schedule: true })
    this.timeFrame()
  }

  /**
   * Times the frame sigma repaints in: its render runs in the next animation frame (it asked
   * first), and the software rasteriser's work lands in that frame's commit, so the time to the
   * frame after is what the repaint cost the page.
   */
  private timeFrame(): void {
    requestAnimationFrame((drawn) =>
      requestAnimationFrame((after) => {
        if (!this.stopped) this.frameTook(after - drawn)
      }),
    )
  }
}
