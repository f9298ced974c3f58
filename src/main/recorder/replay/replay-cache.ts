import type { NetworkConfig } from '../../../core/config'
import { Network } from '../../../core/network/network'
import type { NetworkState } from '../../../core/resume'
import type { ReplayCursor } from './replay-cursor'

/** Clocks between the states kept for scrubbing back: going back costs at most this many. */
export const SAVE_EVERY = 10

/** States kept per run for scrubbing back, besides the live cursor. */
export const SAVED_PER_RUN = 4

/** Runs whose networks are kept (the ones scrubbed last). */
export const CACHED_RUNS = 2

/** A network's state at a point of the recording, kept to start a replay from. */
export interface SavedPoint {
  readonly clock: number
  readonly after: number
  readonly partial: boolean
  /** Exported, not live: the network it came from went on, and a copy restores in one pass. */
  readonly state: NetworkState
}

/**
 * One run's rebuilt networks: the last one (the cursor, which a later clock steps forward from)
 * and a few saved states at recent clocks, most recently used last, for scrubbing back.
 */
export class RunReplayCache {
  cursor: ReplayCursor | null = null
  private readonly saved: SavedPoint[] = []

  constructor(readonly config: NetworkConfig) {}

  /** The saved point furthest along that is at or before `clock`. */
  savedAtOrBefore(clock: number): SavedPoint | null {
    let best: SavedPoint | null = null
    for (const point of this.saved)
      if (point.clock <= clock && (!best || furtherAlong(point, best))) best = point
    return best
  }

  has(clock: number): boolean {
    return this.saved.some((point) => point.clock === clock)
  }

  /** Keeps the cursor's state now; the least recently used point goes beyond SAVED_PER_RUN. */
  save(cursor: ReplayCursor): void {
    this.saved.push({
      clock: cursor.clock,
      after: cursor.after,
      partial: cursor.partial,
      state: cursor.network.exportState(),
    })
    if (this.saved.length > SAVED_PER_RUN) this.saved.shift()
  }

  /**
   * A new cursor at a saved point; the point stays saved (its state is never handed out), now
   * the most recently used.
   */
  restore(point: SavedPoint): ReplayCursor {
    this.touch(point)
    // fromState copies what it takes (arrays spread, blocks immutable), so going on from the
    // restored network leaves the point as it was for the next restore.
    return {
      network: Network.fromState(this.config, point.state),
      clock: point.clock,
      after: point.after,
      partial: point.partial,
    }
  }

  /** How many states are kept (the memory bound's measure): saved points and the cursor. */
  get size(): number {
    return this.saved.length + (this.cursor ? 1 : 0)
  }

  /** Most recently used last (a point no longer kept is left alone). */
  private touch(point: SavedPoint): void {
    const at = this.saved.indexOf(point)
    if (at < 0) return
    this.saved.splice(at, 1)
    this.saved.push(point)
  }
}

/**
 * Whether `a` stands further along the recording than `b`: past more recorded commands, or as
 * many and at a later clock (both inside one long step, which a run of one step is all of).
 */
export function furtherAlong(
  a: { readonly after: number; readonly clock: number },
  b: { readonly after: number; readonly clock: number },
): boolean {
  return a.after > b.after || (a.after === b.after && a.clock > b.clock)
}
