import type { BlockRef, SequencedEvent } from '../../../core/events'
import { ROW_OBJECT, ROW_STATUS, type EventLog, type LogColumns } from '../../../core/event-log'
import { messageSubject, type MessagePayload } from '../../../core/network/message'

/**
 * A `block.accepted` event as a row of a batch (never of the engine's log, which keeps it as the
 * object it made): its node, the node it came from (peer, -1 for none), onMainChain (code, 0 or
 * 1) and its block's number in the run's list of them (in `pairs`). A node accepts each block
 * once, so a run of a thousand nodes holds a thousand of them a block, 94,000 in the 1,000-node
 * run: as objects they were cloned to the writer's thread and encoded there twice in the generic
 * format (event-codec.ts), its run's chunk and its node's row.
 */
export const ROW_ACCEPTED = 5

/**
 * A flush's events as the lab's thread hands them to the writer's: the engine's log columns
 * copied in bulk (typed arrays, moved to the writer's thread, not cloned), each message row's
 * type and subject as a number in the run's list of them, each block acceptance as a row of its
 * own (ROW_ACCEPTED), and the few events kept as objects.
 * The writer encodes both the run's chunks and each node's rows from these (column-chunk.ts):
 * the lab's thread, which also runs the simulation, no longer encodes any event.
 */
export interface ColumnBatch extends LogColumns {
  /** Rows in the batch. */
  readonly length: number
  readonly seqs: Float64Array
  /**
   * A message row's type and subject: its number in the run's list (see `newPairs`); an
   * accepted row's block: its number in the run's list of blocks (see `newBlocks`).
   */
  readonly pairs: Int32Array
  /** The object rows' events, in order. */
  readonly objects: readonly SequencedEvent[]
  /** The nodes' names by index, when they changed since the run's last batch (or it is the first). */
  readonly names?: readonly string[]
  /** The run's type-and-subject pairs first met in this batch: numbered on from those before. */
  readonly newPairs: readonly (readonly [type: string, subject: string])[]
  /** The run's blocks first met in this batch's accepted rows: numbered on from those before. */
  readonly newBlocks: readonly BlockRef[]
}

/** The arrays a batch moves to the writer's thread (transferred, so not copied). */
export function transferables(batch: ColumnBatch): ArrayBuffer[] {
  return [
    batch.seqs,
    batch.kinds,
    batch.clocks,
    batch.nodes,
    batch.peers,
    batch.ids,
    batch.readies,
    batch.codes,
    batch.priors,
    batch.pairs,
  ].map((column) => column.buffer as ArrayBuffer)
}

/** The keys of a block.accepted event as the engine makes it, in its order, and of its block. */
const ACCEPTED_KEYS = ['kind', 'clock', 'node', 'block', 'from', 'onMainChain', 'seq']
const BLOCK_KEYS = ['hash', 'height', 'parent', 'miner', 'transactions']

/** Whether the object's own keys are `keys`, in that order. */
function hasKeys(object: object, keys: readonly string[]): boolean {
  let i = 0
  for (const key in object) if (key !== keys[i++]) return false
  return i === keys.length
}

/** Whether `block` is a BlockRef as blockRef makes it, which its JSON gives back unchanged. */
function isBlockRef(block: unknown): block is BlockRef {
  if (typeof block !== 'object' || block === null || !hasKeys(block, BLOCK_KEYS)) return false
  const { hash, height, parent, miner, transactions } = block as BlockRef
  return (
    typeof hash === 'string' &&
    Number.isFinite(height) &&
    typeof parent === 'string' &&
    (miner === null || typeof miner === 'string') &&
    Number.isFinite(transactions)
  )
}

function sameBlock(a: BlockRef, b: BlockRef): boolean {
  return (
    a.hash === b.hash &&
    a.height === b.height &&
    a.parent === b.parent &&
    a.miner === b.miner &&
    a.transactions === b.transactions
  )
}

/** A batch's columns as they are filled. */
type BatchColumns = LogColumns & Pick<ColumnBatch, 'seqs' | 'pairs'>

/**
 * Gathers a run's events for a flush, a command's log at a time (`append`), and hands them over
 * as a ColumnBatch (`take`). One per run: it numbers the run's type-and-subject pairs and the
 * blocks its acceptances name.
 *
 * It keeps the logs themselves until the batch is taken, each with the rows it had when appended
 * (a drained log is never written again; were one, only the rows it had then would be taken),
 * and copies their columns once, into the batch's arrays: gathered into columns of its own and
 * then cut to the batch, every row was copied twice, and its columns grew by copying too. A log
 * kept keeps its spare room and whatever it made (its events as objects, once asked for) until
 * the flush, a few tens of milliseconds.
 */
export class EventColumns {
  /** The logs appended since the last batch, each with its rows then, and their rows in all. */
  private logs: { readonly log: EventLog; readonly rows: number }[] = []
  private rows = 0
  private objects: SequencedEvent[] = []
  private names: readonly string[] | null = null
  private namesSent = false
  /** The nodes' indexes by name (an accepted event names its nodes). */
  private nameIndex = new Map<string, number>()
  /** The run's blocks, by number and by hash, and the last one met. */
  private readonly blocks: BlockRef[] = []
  private readonly blockNumbers = new Map<string, number>()
  private newBlocks: BlockRef[] = []
  private lastBlock: BlockRef | null = null
  private lastBlockNumber = -1
  /** The run's pairs by their `type\0subject`, and those not yet handed over. */
  private readonly pairNumbers = new Map<string, number>()
  private newPairs: [string, string][] = []
  /**
   * The pairs of the payloads met since the last batch (a broadcast's rows share one payload, and
   * its deliveries come later, interleaved with others'), and the last payload met.
   */
  private payloadPairs = new Map<MessagePayload, number>()
  private lastPayload: MessagePayload | null = null
  private lastPair = -1
  private otherPayload: MessagePayload | null = null
  private otherPair = -1

  /** Appends every row of a command's log (kept as it is until the batch is taken). */
  append(log: EventLog): void {
    const rows = log.length
    if (rows === 0) return
    this.logs.push({ log, rows })
    this.rows += rows
  }

  /** Hands the rows over (their arrays belong to the batch) and starts empty. */
  take(): ColumnBatch {
    const n = this.rows
    const out: BatchColumns = {
      seqs: new Float64Array(n),
      kinds: new Uint8Array(n),
      clocks: new Float64Array(n),
      nodes: new Int32Array(n),
      peers: new Int32Array(n),
      ids: new Float64Array(n),
      readies: new Float64Array(n),
      codes: new Uint8Array(n),
      priors: new Uint8Array(n),
      pairs: new Int32Array(n),
    }
    let at = 0
    for (const { log, rows } of this.logs) {
      this.copy(log, rows, out, at)
      at += rows
    }
    const batch: ColumnBatch = {
      length: n,
      ...out,
      objects: this.objects,
      ...(this.names && !this.namesSent ? { names: this.names } : {}),
      newPairs: this.newPairs,
      newBlocks: this.newBlocks,
    }
    if (this.names) this.namesSent = true
    this.logs = []
    this.rows = 0
    this.objects = []
    this.newPairs = []
    this.newBlocks = []
    // Payloads live a few clocks: held a batch, they are not held for the run.
    this.payloadPairs = new Map()
    return batch
  }

  /** Copies the log's first `n` rows into the batch's columns from row `at`, numbering them. */
  private copy(log: EventLog, n: number, out: BatchColumns, at: number): void {
    if (log.names !== this.names && log.names.length > 0) {
      this.names = log.names
      this.namesSent = false
      this.nameIndex = new Map(log.names.map((name, i) => [name, i]))
    }
    const columns = log.columns()
    out.kinds.set(columns.kinds.subarray(0, n), at)
    out.clocks.set(columns.clocks.subarray(0, n), at)
    out.nodes.set(columns.nodes.subarray(0, n), at)
    out.peers.set(columns.peers.subarray(0, n), at)
    out.ids.set(columns.ids.subarray(0, n), at)
    out.readies.set(columns.readies.subarray(0, n), at)
    out.codes.set(columns.codes.subarray(0, n), at)
    out.priors.set(columns.priors.subarray(0, n), at)
    const { kinds, seqs, pairs } = out
    // A message's pair is looked up once for a run of rows sharing its payload (a broadcast, a
    // node's arrivals of one block): a lookup a row was most of what this loop cost.
    const refIndex = log.refIndexes()
    let lastRef = -1
    let pair = -1
    for (let row = 0; row < n; row++) {
      const kind = kinds[at + row]
      if (kind === ROW_OBJECT) {
        const event = log.objectAt(row)
        seqs[at + row] = event.seq
        if (event.kind !== 'block.accepted' || !this.accepted(event, out, at + row))
          this.objects.push(event)
        continue
      }
      seqs[at + row] = log.firstSeq + row
      if (kind === ROW_STATUS) {
        pairs[at + row] = -1
        continue
      }
      const ref = refIndex[row] as number
      if (ref !== lastRef) {
        lastRef = ref
        pair = this.pairOf(log.refAt(ref) as MessagePayload)
      }
      pairs[at + row] = pair
    }
  }

  /**
   * Makes row `at` the accepted event's row; false (it stays an object) unless a reader would
   * make the very same event of the row: the engine's keys in its order, nodes the run's names
   * hold, a block as blockRef makes it (a hand-made or imported log may hold anything).
   */
  private accepted(
    event: SequencedEvent & { kind: 'block.accepted' },
    out: BatchColumns,
    at: number,
  ): boolean {
    if (!hasKeys(event, ACCEPTED_KEYS) || typeof event.onMainChain !== 'boolean') return false
    const node = this.nameIndex.get(event.node)
    const from = event.from === null ? -1 : this.nameIndex.get(event.from)
    if (node === undefined || from === undefined) return false
    const block = this.blockNumber(event.block)
    if (block < 0) return false
    out.kinds[at] = ROW_ACCEPTED
    out.clocks[at] = event.clock
    out.nodes[at] = node
    out.peers[at] = from
    out.codes[at] = event.onMainChain ? 1 : 0
    out.pairs[at] = block
    return true
  }

  /**
   * The block's number in the run (by hash: refs cloned from other threads are other objects),
   * or -1 for one not shaped as blockRef makes it, or unlike the block of that hash met before.
   */
  private blockNumber(block: BlockRef): number {
    if (block === this.lastBlock) return this.lastBlockNumber
    if (!isBlockRef(block)) return -1
    let number = this.blockNumbers.get(block.hash)
    if (number === undefined) {
      number = this.blocks.length
      this.blockNumbers.set(block.hash, number)
      this.blocks.push(block)
      this.newBlocks.push(block)
    } else if (!sameBlock(this.blocks[number] as BlockRef, block)) return -1
    this.lastBlock = block
    this.lastBlockNumber = number
    return number
  }

  private pairOf(payload: MessagePayload): number {
    if (payload === this.lastPayload) return this.lastPair
    // The one before: a block's rows come between its acks (each ack a payload of its own), so
    // the last two payloads met answer most rows without a lookup.
    if (payload === this.otherPayload) {
      const pair = this.otherPair
      this.otherPayload = this.lastPayload
      this.otherPair = this.lastPair
      this.lastPayload = payload
      this.lastPair = pair
      return pair
    }
    this.otherPayload = this.lastPayload
    this.otherPair = this.lastPair
    const known = this.payloadPairs.get(payload)
    if (known !== undefined) {
      this.lastPayload = payload
      this.lastPair = known
      return known
    }
    const type = payload.type
    const subject = messageSubject(payload)
    const key = `${type}\u0000${subject}`
    let pair = this.pairNumbers.get(key)
    if (pair === undefined) {
      pair = this.pairNumbers.size
      this.pairNumbers.set(key, pair)
      this.newPairs.push([type, subject])
    }
    this.payloadPairs.set(payload, pair)
    this.lastPayload = payload
    this.lastPair = pair
    return pair
  }
}
