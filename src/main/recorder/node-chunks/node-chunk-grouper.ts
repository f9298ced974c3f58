import type { SequencedEvent } from '../../../core/events'
import { ROW_OBJECT } from '../../../core/event-log'
import {
  ColumnChunkBuilder,
  newRunTables,
  type RunTables,
  type StoredChunk,
} from '../columns/column-chunk'
import type { ColumnBatch } from '../columns/event-columns'

/** A node's events of one window, as node_event_chunks stores them (data packed). */
export interface NodeChunkRow extends StoredChunk {
  readonly node: string
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

/** A node's row being filled, and its rows already full. */
interface Held {
  readonly node: string
  /** Kept for the run, window after window: each row it finishes leaves it empty. */
  readonly builder: ColumnChunkBuilder
  rows: NodeChunkRow[]
}

/**
 * Regroups a run's events by node, a window at a time, for node_event_chunks. Fed the events in
 * seq order as they are written (`addColumns`: a recording's batches; `addEvents`: an import's
 * events as objects), it answers a window's rows when the window is full, and the rest at the
 * run's end (`finish`). Pure: whoever writes decides where rows go. Each node's row is encoded
 * straight from the batch's columns (column-chunk.ts), as the run's chunks are.
 *
 * Events with no node (none today: every event names one) are left out: a page of a node's
 * events never asks for them.
 */
export class NodeChunkGrouper {
  private byNode = new Map<string, Held>()
  /** The held rows by node index in the run's names (a batch's rows name nodes by index). */
  private byIndex: (Held | undefined)[] = []
  private indexedNames: readonly string[] | null = null
  private nameIndex = new Map<string, number>()
  private events = 0
  /** Nodes with an event in the window. */
  private seen = 0
  private throughSeq = 0
  /** Tables of a grouping fed events as objects (an import's): their rows refer to none. */
  private readonly noTables: RunTables = newRunTables()

  constructor(private readonly sizes: GroupingSizes = GROUPING) {}

  /**
   * Takes a batch's events; answers the window if it is now full, else null. A node's rows are
   * encoded together, its builder's state kept hot: row by row, a thousand nodes' builders took
   * turns and their tables were read from memory at nearly every row. Each node's rows keep their
   * order, so its rows are the same bytes either way (a window's rows are listed in node order
   * now, not in the order nodes were first met: they are inserted in another order).
   */
  addColumns(batch: ColumnBatch, run: RunTables): NodeWindow | null {
    if (run.names !== this.indexedNames) {
      this.indexedNames = run.names
      this.byIndex = []
      this.nameIndex = new Map(run.names.map((name, i) => [name, i]))
    }
    const n = batch.length
    const { kinds, nodes } = batch
    const named = run.names.length
    // Each row's node (-1: none): a column row's by its number, an object row's by its name,
    // numbered after the run's names if it is not among them. And each object row's object.
    const rowNode = new Int32Array(n)
    const rowObject = new Int32Array(n)
    const others: string[] = []
    let object = 0
    for (let row = 0; row < n; row++) {
      if (kinds[row] !== ROW_OBJECT) {
        const index = nodes[row] as number
        // Said, not dropped: a typed array ignores a write past its end.
        if (index >= named) throw new Error(`a row names node ${index} of ${named}`)
        rowNode[row] = index
        continue
      }
      rowObject[row] = object
      const node = nodeOf(batch.objects[object++] as SequencedEvent)
      let index = node === undefined ? -1 : this.nameIndex.get(node)
      if (index === undefined) {
        const other = others.indexOf(node as string)
        index = named + (other >= 0 ? other : others.push(node as string) - 1)
      }
      rowNode[row] = index
    }
    // The rows by node, each node's in their order (a counting sort).
    const starts = new Int32Array(named + others.length + 1)
    for (let row = 0; row < n; row++) {
      const index = rowNode[row] as number
      if (index >= 0) starts[index + 1] = (starts[index + 1] as number) + 1
    }
    for (let i = 1; i < starts.length; i++)
      starts[i] = (starts[i] as number) + (starts[i - 1] as number)
    const next = starts.slice()
    const byNode = new Int32Array(n)
    for (let row = 0; row < n; row++) {
      const index = rowNode[row] as number
      if (index >= 0) byNode[(next[index] as number)++] = row
    }
    const { eventsPerRow } = this.sizes
    for (let index = 0; index + 1 < starts.length; index++) {
      const to = starts[index + 1] as number
      let k = starts[index] as number
      if (k === to) continue
      const held =
        index < named
          ? (this.byIndex[index] ??= this.held(run.names[index] as string, run))
          : this.held(others[index - named] as string, run)
      while (k < to) {
        const before = held.builder.count
        k = held.builder.addRows(batch, rowObject, byNode, k, to, eventsPerRow)
        this.added(held, before)
      }
    }
    if (n > 0) this.throughSeq = Math.max(this.throughSeq, batch.seqs[n - 1] as number)
    return this.closeIfFull()
  }

  /**
   * Takes consecutive events as objects (every event up to `throughSeq` among them or given
   * before); answers the window if it is now full, else null.
   */
  addEvents(events: readonly SequencedEvent[], throughSeq: number): NodeWindow | null {
    for (const event of events) {
      const node = nodeOf(event)
      if (node === undefined) continue
      const held = this.held(node, this.noTables)
      const before = held.builder.count
      held.builder.addObject(event)
      this.added(held, before)
    }
    // Each call's events are objects of their own (parsed from a file's lines): their JSON is
    // not met again, and kept it would hold every object of the import until it ends.
    this.noTables.json.clear()
    this.throughSeq = Math.max(this.throughSeq, throughSeq)
    return this.closeIfFull()
  }

  /** The window so far, closed (the run ended); null if nothing was added since the last one. */
  finish(): NodeWindow | null {
    if (this.events === 0) return null
    const rows: NodeChunkRow[] = []
    for (const held of this.byNode.values()) {
      for (const full of held.rows) rows.push(full)
      held.rows = []
      const last = row(held.node, held.builder)
      if (last) rows.push(last)
    }
    this.events = 0
    this.seen = 0
    return { rows, throughSeq: this.throughSeq }
  }

  private held(node: string, run: RunTables): Held {
    let held = this.byNode.get(node)
    if (!held)
      this.byNode.set(node, (held = { node, builder: new ColumnChunkBuilder(run), rows: [] }))
    return held
  }

  /** Events added to the node's row, which held `before`: cut once it holds eventsPerRow. */
  private added(held: Held, before: number): void {
    const count = held.builder.count
    this.events += count - before
    // The node's first events of the window: the window waits for more the more nodes it has.
    if (before === 0 && count > 0 && held.rows.length === 0) this.seen++
    if (count < this.sizes.eventsPerRow) return
    held.rows.push(row(held.node, held.builder) as NodeChunkRow)
  }

  private closeIfFull(): NodeWindow | null {
    const { eventsANode, minWindow, maxWindow } = this.sizes
    const wanted = Math.min(maxWindow, Math.max(minWindow, eventsANode * this.seen))
    return this.events >= wanted ? this.finish() : null
  }
}

function nodeOf(event: SequencedEvent): string | undefined {
  const node = (event as { node?: unknown }).node
  return typeof node === 'string' ? node : undefined
}

function row(node: string, builder: ColumnChunkBuilder): NodeChunkRow | null {
  const chunk = builder.finish()
  return chunk && { node, ...chunk }
}
