import type { BlockRef, SequencedEvent } from '../../../core/events'
import { ROW_OBJECT, ROW_SENT, ROW_STATUS } from '../../../core/event-log'
import { NODE_STATUSES } from '../../../core/node-status'
import type { RunTables } from '../columns/column-chunk'
import { ROW_ACCEPTED, type ColumnBatch } from '../columns/event-columns'
import { NumberListText } from './number-list-text'

/**
 * An event as the charts' summary reads it: its place, clock, node and kind, and the detail it
 * needs: a message's type, a status, or for the few kinds that need more a JSON array of what
 * they need (BlockDetail, ReorgDetail).
 */
export type ChartEventRow = readonly [
  seq: number,
  clock: number,
  node: string,
  kind: string,
  detail: string | null,
]

/** The kinds the charts summarise; the rest (deliveries, drops, mining, links) they never draw. */
export const CHART_KINDS = [
  'node.status',
  'message.sent',
  'block.accepted',
  'tx.accepted',
  'tx.evicted',
  'chain.reorg',
  'node.reset',
] as const

/** What a block.accepted row keeps: on the main chain (1) or not (0), height, transfers, hash. */
export type BlockDetail = readonly [
  onMainChain: 0 | 1,
  height: number,
  transactions: number,
  hash: string,
]
/** What a chain.reorg event's row keeps: its depth, the transfers it returned, the new tip. */
export type ReorgDetail = readonly [depth: number, returned: number, newTip: string]

const KIND_INDEX = new Map<string, number>(CHART_KINDS.map((kind, i) => [kind, i]))
const SENT_INDEX = CHART_KINDS.indexOf('message.sent')
const ACCEPTED_INDEX = CHART_KINDS.indexOf('block.accepted')
const STATUS_INDEX = CHART_KINDS.indexOf('node.status')

/** Numbers per event in a chunk: seq and clock (as steps from the last), node, kind, detail. */
const CELLS = 5

/**
 * One flush's chart events packed into a single text, written beside its event rows, so that
 * reading a whole run for the charts reads one row per flush rather than one per event. Each
 * event is five numbers; names and details are listed once and referred to by index.
 */
interface PackedChunk {
  readonly nodes: readonly string[]
  readonly details: readonly string[]
  readonly cells: readonly number[]
}

/** A chart chunk as its row holds it: the seqs of the flush's first and last events, any kind. */
export interface ChartChunk {
  readonly firstSeq: number
  readonly lastSeq: number
  readonly events: string
}

/** The detail the charts keep of an event, as the reader's SQL makes it from a recorded event. */
export function detailOf(event: SequencedEvent): string | null {
  switch (event.kind) {
    case 'message.sent':
      return event.type
    case 'node.status':
      return event.status
    case 'block.accepted':
      return acceptedDetail(event.block, event.onMainChain)
    case 'chain.reorg': {
      const detail: ReorgDetail = [event.depth, event.returned.length, event.newTip]
      return JSON.stringify(detail)
    }
    default:
      return null
  }
}

function acceptedDetail(block: BlockRef, onMainChain: boolean): string {
  const detail: BlockDetail = [onMainChain ? 1 : 0, block.height, block.transactions, block.hash]
  return JSON.stringify(detail)
}

/**
 * A batch's chart chunk, packed on the writer's thread from the batch's columns and objects (the
 * lab's thread, which runs the simulation too, packed it as it recorded: a third of a second
 * of a 1,000-node run); null for a batch without events.
 */
export function chartChunkOf(batch: ColumnBatch, run: RunTables): ChartChunk | null {
  const packer = new ChartChunkPacker()
  const { kinds } = batch
  let object = 0
  for (let row = 0; row < batch.length; row++)
    if (kinds[row] === ROW_OBJECT) packer.add(batch.objects[object++] as SequencedEvent)
    else packer.addRow(batch, row, run)
  return packer.finish()
}

/** Packs a flush's events, one at a time, into its chart chunk (see chartChunkOf). */
export class ChartChunkPacker {
  private readonly nodes = new Map<string, number>()
  private readonly details = new Map<string, number>()
  /** The five numbers of each event (CELLS), as the text of the chunk's `cells`. */
  private readonly cells = new NumberListText()
  private firstSeq = 0
  private lastSeq = 0
  /** The last chart event's seq and clock: each is packed as a step from the one before. */
  private lastChartSeq = 0
  private lastClock = 0
  /** Per node index, its place in `nodes` plus one (0: not yet known by index). */
  private byIndex = new Int32Array(0)
  /** The pair of the last `message.sent` row and its type's place in `details`. */
  private lastPair = -1
  private lastType = 0
  /** Per status (NODE_STATUSES), its place in `details` plus one (0: not yet known). */
  private readonly statusDetails = new Int32Array(8)
  /**
   * Per block of an acceptance off and on the main chain (its object, or its number in the run
   * for a row), its detail's place in `details`: made once a block, not once a node.
   */
  private readonly acceptedPlaces = [new Map<unknown, number>(), new Map<unknown, number>()]

  add(event: SequencedEvent): void {
    if (this.firstSeq === 0) this.firstSeq = event.seq
    const kind = KIND_INDEX.get(event.kind)
    if (kind !== undefined) {
      this.push(
        event.seq - this.lastChartSeq,
        event.clock - this.lastClock,
        indexIn(this.nodes, event.node),
        kind,
        event.kind === 'block.accepted'
          ? this.acceptedPlace(event.block, event.block, event.onMainChain)
          : this.detailPlace(event),
      )
      this.lastChartSeq = event.seq
      this.lastClock = event.clock
    }
    this.lastSeq = event.seq
  }

  /**
   * Adds a row of the batch that is not an object as `add` adds the event it stands for:
   * `message.sent`, `node.status` and `block.accepted` as their five numbers, the other messages
   * (not charted) as their seq alone.
   */
  addRow(batch: ColumnBatch, row: number, run: RunTables): void {
    const seq = batch.seqs[row] as number
    if (this.firstSeq === 0) this.firstSeq = seq
    const kind = batch.kinds[row] as number
    if (kind === ROW_STATUS || kind === ROW_SENT || kind === ROW_ACCEPTED) {
      const clock = batch.clocks[row] as number
      let chartKind: number
      let detail: number
      if (kind === ROW_STATUS) {
        chartKind = STATUS_INDEX
        detail = this.statusDetail(batch.codes[row] as number)
      } else if (kind === ROW_SENT) {
        chartKind = SENT_INDEX
        const pair = batch.pairs[row] as number
        if (pair !== this.lastPair) {
          this.lastPair = pair
          this.lastType = indexIn(this.details, (run.pairs[pair] as readonly [string, string])[0])
        }
        detail = this.lastType
      } else {
        chartKind = ACCEPTED_INDEX
        const number = batch.pairs[row] as number
        detail = this.acceptedPlace(number, run.blocks[number] as BlockRef, batch.codes[row] === 1)
      }
      this.push(
        seq - this.lastChartSeq,
        clock - this.lastClock,
        this.nodeIndex(run.names, batch.nodes[row] as number),
        chartKind,
        detail,
      )
      this.lastChartSeq = seq
      this.lastClock = clock
    }
    this.lastSeq = seq
  }

  /** An event's five numbers (CELLS). */
  private push(seq: number, clock: number, node: number, kind: number, detail: number): void {
    const cells = this.cells
    cells.push(seq)
    cells.push(clock)
    cells.push(node)
    cells.push(kind)
    cells.push(detail)
  }

  /** The event's detail's place in `details`, -1 for none. */
  private detailPlace(event: SequencedEvent): number {
    const detail = detailOf(event)
    return detail === null ? -1 : indexIn(this.details, detail)
  }

  /** An acceptance's detail's place, `key` its block's (see acceptedPlaces). */
  private acceptedPlace(key: unknown, block: BlockRef, onMainChain: boolean): number {
    const places = this.acceptedPlaces[onMainChain ? 1 : 0] as Map<unknown, number>
    let place = places.get(key)
    if (place === undefined) {
      place = indexIn(this.details, acceptedDetail(block, onMainChain))
      places.set(key, place)
    }
    return place
  }

  /** A status's place in `details` (by its number in NODE_STATUSES). */
  private statusDetail(status: number): number {
    const known = this.statusDetails[status] as number
    if (known > 0) return known - 1
    const place = indexIn(this.details, NODE_STATUSES[status] as string)
    this.statusDetails[status] = place + 1
    return place
  }

  /** Node `index`'s place in this chunk's names (cached by index: a row names it so). */
  private nodeIndex(names: readonly string[], index: number): number {
    if (this.byIndex.length < names.length) this.byIndex = new Int32Array(names.length)
    const known = this.byIndex[index] as number
    if (known > 0) return known - 1
    const place = indexIn(this.nodes, names[index] as string)
    this.byIndex[index] = place + 1
    return place
  }

  /** The chunk of everything added, or null when nothing was. */
  finish(): ChartChunk | null {
    if (this.firstSeq === 0) return null
    // A PackedChunk's JSON, as JSON.stringify writes it.
    const events =
      `{"nodes":${JSON.stringify([...this.nodes.keys()])}` +
      `,"details":${JSON.stringify([...this.details.keys()])}` +
      `,"cells":[${this.cells.text()}]}`
    return { firstSeq: this.firstSeq, lastSeq: this.lastSeq, events }
  }
}

function indexIn(list: Map<string, number>, value: string): number {
  let index = list.get(value)
  if (index === undefined) {
    index = list.size
    list.set(value, index)
  }
  return index
}

export function unpackChartEvents(text: string): ChartEventRow[] {
  const { nodes, details, cells } = JSON.parse(text) as PackedChunk
  const rows: ChartEventRow[] = []
  let seq = 0
  let clock = 0
  for (let i = 0; i + CELLS <= cells.length; i += CELLS) {
    seq += cells[i] as number
    clock += cells[i + 1] as number
    const detail = cells[i + 4] as number
    rows.push([
      seq,
      clock,
      nodes[cells[i + 2] as number] as string,
      CHART_KINDS[cells[i + 3] as number] as string,
      detail < 0 ? null : (details[detail] as string),
    ])
  }
  return rows
}
