import type { SequencedEvent } from '../../../core/events'
import { EventChunkEncoder, packChunk, type ChunkTables, type EncodedChunk } from '../event-codec'
import { ChunkWalk, KnownValues, NodeChunkBuilder } from './node-transcoder'

/** A node's events of one window, as node_event_chunks stores them (data packed). */
export interface NodeChunkRow {
  readonly node: string
  readonly firstSeq: number
  readonly lastSeq: number
  readonly minClock: number
  readonly maxClock: number
  readonly count: number
  readonly data: Buffer
}

/** A closed window: its rows, and the seq up to which every event is in them. */
export interface NodeWindow {
  readonly rows: readonly NodeChunkRow[]
  readonly throughSeq: number
}

/** How a run's events are cut into windows and rows; tests make them small. */
export interface GroupingSizes {
  /** At most this many events of one node a row: a page of 500 decodes one row or two. */
  readonly eventsPerRow: number
  /**
   * A window closes once it holds this many events a node seen in it (and at least
   * `minWindow`): each node's row then holds about this many, so the row's own tables (shapes,
   * node names, the blocks it accepted) are shared by enough events to cost little each.
   */
  readonly eventsANode: number
  readonly minWindow: number
  /**
   * Whatever the network's size: a window's events are held as objects until it closes, and the
   * events after the last closed window are read from the run's chunks (at most this many).
   */
  readonly maxWindow: number
}

export const GROUPING: GroupingSizes = {
  eventsPerRow: 2_048,
  eventsANode: 128,
  minWindow: 1 << 16,
  maxWindow: 1 << 19,
}

/**
 * Regroups a run's event chunks by node, a window at a time, for node_event_chunks. Fed the
 * chunks in seq order as they are written (`add`), it answers a window's rows when the window is
 * full, and the rest at the run's end (`finish`). Pure: whoever writes decides where rows go.
 * Each event is copied value by value into its node's row (node-transcoder.ts), never decoded.
 *
 * Events with no node (none today: every event names one) are left out: a page of a node's
 * events never asks for them.
 */
export class NodeChunkGrouper {
  private byNode = new Map<string, { builder: NodeChunkBuilder; rows: NodeChunkRow[] }>()
  private events = 0
  private throughSeq = 0
  private known = new KnownValues()

  constructor(private readonly sizes: GroupingSizes = GROUPING) {}

  /** Takes a chunk's events; answers the window if it is now full, else null. */
  add(chunk: Pick<EncodedChunk, 'tables' | 'body' | 'lastSeq'>): NodeWindow | null {
    const walk = new ChunkWalk(JSON.parse(chunk.tables) as ChunkTables, chunk.body, this.known)
    const perRow = this.sizes.eventsPerRow
    while (walk.next()) {
      const node = walk.node()
      if (node === undefined) continue
      let held = this.byNode.get(node)
      if (!held) this.byNode.set(node, (held = { builder: new NodeChunkBuilder(), rows: [] }))
      held.builder.append(walk)
      this.events++
      if (held.builder.count >= perRow) {
        held.rows.push(row(node, held.builder))
        held.builder = new NodeChunkBuilder()
      }
    }
    this.throughSeq = Math.max(this.throughSeq, chunk.lastSeq)
    const { eventsANode, minWindow, maxWindow } = this.sizes
    const wanted = Math.min(maxWindow, Math.max(minWindow, eventsANode * this.byNode.size))
    return this.events >= wanted ? this.finish() : null
  }

  /**
   * Takes consecutive events as objects (every event up to `throughSeq` among them or given
   * before); answers the window if it is now full, else null.
   */
  addEvents(events: readonly SequencedEvent[], throughSeq: number): NodeWindow | null {
    const encoder = new EventChunkEncoder()
    for (const event of events) encoder.add(event)
    const chunk = encoder.finish()
    if (chunk) return this.add({ ...chunk, lastSeq: throughSeq })
    this.throughSeq = Math.max(this.throughSeq, throughSeq)
    return null
  }

  /** The window so far, closed (the run ended); null if nothing was added since the last one. */
  finish(): NodeWindow | null {
    if (this.byNode.size === 0) return null
    const rows: NodeChunkRow[] = []
    for (const [node, held] of this.byNode) {
      rows.push(...held.rows)
      if (held.builder.count > 0) rows.push(row(node, held.builder))
    }
    const window = { rows, throughSeq: this.throughSeq }
    this.byNode = new Map()
    this.known = new KnownValues()
    this.events = 0
    return window
  }
}

function row(node: string, builder: NodeChunkBuilder): NodeChunkRow {
  const chunk = builder.finish()
  const { firstSeq, lastSeq, minClock, maxClock, count } = chunk
  return { node, firstSeq, lastSeq, minClock, maxClock, count, data: packChunk(chunk) }
}
