import type { BlockRef, SequencedEvent } from '../../../core/events'
import { ROW_SENT, ROW_STATUS, type EventLog } from '../../../core/event-log'
import { NODE_STATUSES } from '../../../core/node-status'
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

const CLOSE_BRACKET = 0x5d
const CLOSE_BRACE = 0x7d

const KIND_INDEX = new Map<string, number>(CHART_KINDS.map((kind, i) => [kind, i]))
const SENT_INDEX = CHART_KINDS.indexOf('message.sent')
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

/**
 * A chart chunk as it crosses to the writer's thread: its text as UTF-8 bytes, whose buffer is
 * moved rather than copied (a 1,000-node run's chunks are 25 MB of text, and a string is copied
 * twice on its way through postMessage). The writer stores the text (`chartChunkRow`).
 */
export interface PackedChartChunk {
  readonly firstSeq: number
  readonly lastSeq: number
  readonly utf8: Uint8Array
}

/** The chunk's row, its text decoded. */
export function chartChunkRow(chunk: PackedChartChunk): ChartChunk {
  return { firstSeq: chunk.firstSeq, lastSeq: chunk.lastSeq, events: utf8Text.decode(chunk.utf8) }
}

const utf8Text = new TextDecoder()
const utf8Bytes = new TextEncoder()

/** The detail the charts keep of an event, as the reader's SQL makes it from a recorded event. */
export function detailOf(event: SequencedEvent): string | null {
  switch (event.kind) {
    case 'message.sent':
      return event.type
    case 'node.status':
      return event.status
    case 'block.accepted': {
      const { block } = event
      const detail: BlockDetail = [
        event.onMainChain ? 1 : 0,
        block.height,
        block.transactions,
        block.hash,
      ]
      return JSON.stringify(detail)
    }
    case 'chain.reorg': {
      const detail: ReorgDetail = [event.depth, event.returned.length, event.newTip]
      return JSON.stringify(detail)
    }
    default:
      return null
  }
}

/**
 * Packs a flush's events as they are recorded, while they are objects still: the writer thread
 * gets their rows as text it need not parse, and neither need the charts' chunk.
 */
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
  /** The payload of the last `message.sent` row and its type's place in `details`. */
  private lastPayload: unknown = null
  private lastType = 0
  /** Per status (NODE_STATUSES), its place in `details` plus one (0: not yet known). */
  private readonly statusDetails = new Int32Array(8)
  /** Per block of an acceptance off and on the main chain, its detail's place in `details`. */
  private readonly acceptedPlaces = [new Map<BlockRef, number>(), new Map<BlockRef, number>()]

  add(event: SequencedEvent): void {
    if (this.firstSeq === 0) this.firstSeq = event.seq
    const kind = KIND_INDEX.get(event.kind)
    if (kind !== undefined) {
      this.push(
        event.seq - this.lastChartSeq,
        event.clock - this.lastClock,
        indexIn(this.nodes, event.node),
        kind,
        event.kind === 'block.accepted' ? this.acceptedDetail(event) : this.detailPlace(event),
      )
      this.lastChartSeq = event.seq
      this.lastClock = event.clock
    }
    this.lastSeq = event.seq
  }

  /**
   * Adds a row the log keeps as columns (not an object row) as `add` adds the event it stands
   * for: `message.sent` and `node.status` as their five numbers, the other messages (not
   * charted) as their seq alone.
   */
  addRow(log: EventLog, row: number): void {
    const seq = log.seqAt(row)
    if (this.firstSeq === 0) this.firstSeq = seq
    const kind = log.kindAt(row)
    if (kind === ROW_STATUS) {
      const clock = log.clockAt(row)
      this.push(
        seq - this.lastChartSeq,
        clock - this.lastClock,
        this.nodeIndex(log, log.nodeAt(row)),
        STATUS_INDEX,
        this.statusDetail(log.codeAt(row)),
      )
      this.lastChartSeq = seq
      this.lastClock = clock
    } else if (kind === ROW_SENT) {
      const clock = log.clockAt(row)
      const payload = log.payloadAt(row)
      if (payload !== this.lastPayload) {
        this.lastPayload = payload
        this.lastType = indexIn(this.details, payload.type)
      }
      this.push(
        seq - this.lastChartSeq,
        clock - this.lastClock,
        this.nodeIndex(log, log.nodeAt(row)),
        SENT_INDEX,
        this.lastType,
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

  /**
   * An acceptance's detail's place, by its block (one object per block, shared by its thousand
   * acceptances) and whether it is on the main chain: its JSON made once, not per node.
   */
  private acceptedDetail(event: SequencedEvent & { kind: 'block.accepted' }): number {
    const places = this.acceptedPlaces[event.onMainChain ? 1 : 0] as Map<BlockRef, number>
    let place = places.get(event.block)
    if (place === undefined) {
      place = this.detailPlace(event)
      places.set(event.block, place)
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
  private nodeIndex(log: EventLog, index: number): number {
    if (this.byIndex.length < log.names.length) this.byIndex = new Int32Array(log.names.length)
    const known = this.byIndex[index] as number
    if (known > 0) return known - 1
    const place = indexIn(this.nodes, log.names[index] as string)
    this.byIndex[index] = place + 1
    return place
  }

  /**
   * The chunk of everything added, or null when nothing was: a PackedChunk's JSON, as
   * JSON.stringify writes it, in UTF-8.
   */
  finish(): PackedChartChunk | null {
    if (this.firstSeq === 0) return null
    const head = utf8Bytes.encode(
      `{"nodes":${JSON.stringify([...this.nodes.keys()])}` +
        `,"details":${JSON.stringify([...this.details.keys()])}` +
        `,"cells":[`,
    )
    const cells = this.cells.view()
    const utf8 = new Uint8Array(head.length + cells.length + 2)
    utf8.set(head)
    utf8.set(cells, head.length)
    utf8[utf8.length - 2] = CLOSE_BRACKET
    utf8[utf8.length - 1] = CLOSE_BRACE
    return { firstSeq: this.firstSeq, lastSeq: this.lastSeq, utf8 }
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
