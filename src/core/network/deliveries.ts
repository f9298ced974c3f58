import type { Message, MessagePayload } from './message'
import { createMessage } from './message-records'

/**
 * Visits one message in flight: what it carries, who sent it, its id and clocks, and whether its
 * link is surely still up (true: no link has gone down since it was sent; false: look it up).
 */
export type DeliveryVisitor = (
  payload: MessagePayload,
  from: number,
  id: number,
  sent: number,
  ready: number,
  linkUp: boolean,
) => void

/** How many times any link of the network went down (cut or removed), ever. */
export interface LinkDowns {
  readonly downs: number
}

const FIRST_CAPACITY = 256
/** Released buckets kept for reuse: their columns are the bulk of what a clock allocates. */
const POOL_SIZE = 8

/**
 * A row's numbers, side by side so reading a row is one cache miss: the sender, the id, the sent
 * clock, the receiver's next row, and the payload's place in the bucket's payloads.
 */
const FROM = 0
const ID = 1
const SENT = 2
const NEXT = 3
const PAYLOAD = 4
const STRIDE = 5

/**
 * The messages that become ready at one clock, one row each, each receiver's rows chained in the
 * order they were sent to it. A block broadcast to 16 peers writes 16 rows here, side by side,
 * each referring to the one payload, rather than 16 message objects pushed into 16 inboxes.
 */
class Bucket {
  clock = 0
  length = 0
  /** Receivers whose chain here is not yet taken. */
  receivers = 0
  /** The links' downs when the bucket was made: rows sent since then went over links up. */
  downs = 0
  rows = new Float64Array(FIRST_CAPACITY * STRIDE)
  /** The payloads the rows carry, each once per run of rows (a broadcast's rows share one). */
  payloads: MessagePayload[] = []
  /** Per receiver: the first and last row of its chain (-1: none). */
  readonly head: Int32Array
  readonly tail: Int32Array

  constructor(nodes: number) {
    this.head = new Int32Array(nodes).fill(-1)
    this.tail = new Int32Array(nodes)
  }

  grow(): void {
    const rows = new Float64Array(this.rows.length * 2)
    rows.set(this.rows)
    this.rows = rows
  }

  /** Whether row b comes before row a in the order a node takes messages of one ready clock. */
  before(a: number, b: number): boolean {
    const rows = this.rows
    const x = a * STRIDE
    const y = b * STRIDE
    if (rows[y + SENT] !== rows[x + SENT])
      return (rows[y + SENT] as number) < (rows[x + SENT] as number)
    if (rows[y + FROM] !== rows[x + FROM])
      return (rows[y + FROM] as number) < (rows[x + FROM] as number)
    return (rows[y + ID] as number) < (rows[x + ID] as number)
  }

  next(row: number): number {
    return this.rows[row * STRIDE + NEXT] as number
  }

  /** Hands row `row` to `visit`. */
  visit(row: number, visit: DeliveryVisitor, linkUp: boolean): void {
    const rows = this.rows
    const at = row * STRIDE
    visit(
      this.payloads[rows[at + PAYLOAD] as number] as MessagePayload,
      rows[at + FROM] as number,
      rows[at + ID] as number,
      rows[at + SENT] as number,
      this.clock,
      linkUp,
    )
  }
}

/**
 * The messages in flight to the nodes a network steps, bucketed by the clock they become ready:
 * sending appends a row to that clock's bucket, and a node takes its rows when it processes a
 * clock at or after it. Per node only three numbers live outside the buckets (the first clock it
 * has rows at, further clocks when it has several, and how many rows), in arrays indexed by node,
 * so a broadcast touches none of its receivers. A node takes one clock's rows in the order its
 * inbox always took them: by sent clock, sender's place and id; rows mostly arrive in that order,
 * and are sorted when not.
 */
export class Deliveries {
  private readonly buckets = new Map<number, Bucket>()
  private readonly pool: Bucket[] = []
  private last: Bucket | null = null
  /** Per node: the first and second clocks it has rows at (Infinity: none). */
  private readonly first: Float64Array
  private readonly second: Float64Array
  /**
   * Per node: the further clocks it has rows at, ascending (none at latency 0, where a node has
   * rows at most at this clock and the next).
   */
  private readonly later: (number[] | undefined)[]
  private readonly counts: Int32Array
  /** The rows of the chain being taken (reused: a node takes rows at most clocks it works). */
  private readonly rows: number[] = []

  constructor(
    private readonly nodes: number,
    private readonly nameOf: (index: number) => string,
    private readonly links: LinkDowns,
  ) {
    this.first = new Float64Array(nodes).fill(Infinity)
    this.second = new Float64Array(nodes).fill(Infinity)
    this.later = new Array<number[] | undefined>(nodes)
    this.counts = new Int32Array(nodes)
  }

  /** The first clock at which node `to` has a message ready (Infinity: none in flight). */
  firstReady(to: number): number {
    return this.first[to] as number
  }

  /** How many times a link went down so far (see LinkTable.downs). */
  get linkDowns(): number {
    return this.links.downs
  }

  /** How many messages are in flight to node `to`. */
  count(to: number): number {
    return this.counts[to] as number
  }

  add(
    to: number,
    from: number,
    id: number,
    sent: number,
    ready: number,
    payload: MessagePayload,
    linkWasUp = true,
  ): void {
    const last = this.last
    const bucket = last !== null && last.clock === ready ? last : this.bucket(ready)
    const row = bucket.length++
    if (row * STRIDE === bucket.rows.length) bucket.grow()
    const rows = bucket.rows
    const at = row * STRIDE
    rows[at + FROM] = from
    rows[at + ID] = id
    rows[at + SENT] = sent
    rows[at + NEXT] = -1
    const payloads = bucket.payloads
    if (payloads[payloads.length - 1] !== payload) payloads.push(payload)
    rows[at + PAYLOAD] = payloads.length - 1
    if (bucket.head[to] === -1) {
      bucket.head[to] = row
      bucket.receivers++
      this.track(to, ready)
    } else rows[(bucket.tail[to] as number) * STRIDE + NEXT] = row
    bucket.tail[to] = row
    // A row whose link was not checked here (a message from another shard) is looked up.
    if (!linkWasUp) bucket.downs = -1
    this.counts[to] = (this.counts[to] as number) + 1
  }

  /**
   * Takes node `to`'s messages ready by clock t, visiting them in the order it takes them:
   * by ready clock, then sent clock, the sender's place and id.
   */
  take(to: number, t: number, visit: DeliveryVisitor): void {
    for (;;) {
      const clock = this.first[to] as number
      if (clock > t || clock === Infinity) return
      const bucket = this.buckets.get(clock) as Bucket
      const second = this.second[to] as number
      this.first[to] = second
      if (second !== Infinity) this.second[to] = this.later[to]?.shift() ?? Infinity
      let row = bucket.head[to] as number
      bucket.head[to] = -1
      bucket.receivers--
      const rows = this.rows
      rows.length = 0
      let ordered = true
      for (; row !== -1; row = bucket.next(row)) {
        if (ordered && rows.length > 0 && bucket.before(rows[rows.length - 1] as number, row))
          ordered = false
        rows.push(row)
      }
      if (!ordered) rows.sort((a, b) => (bucket.before(a, b) ? 1 : bucket.before(b, a) ? -1 : 0))
      this.counts[to] = (this.counts[to] as number) - rows.length
      const linkUp = bucket.downs === this.links.downs
      for (let i = 0; i < rows.length; i++) bucket.visit(rows[i] as number, visit, linkUp)
      if (bucket.receivers === 0) this.release(bucket)
    }
  }

  /** Node `to`'s messages in flight, as messages (unordered across senders); `remove` takes them. */
  messagesFor(to: number, remove: boolean): Message[] {
    const messages: Message[] = []
    const name = this.nameOf(to)
    const collect: DeliveryVisitor = (payload, from, id, sent, ready) => {
      messages.push(createMessage(payload, id, this.nameOf(from), name, sent, ready))
    }
    if (remove) {
      this.take(to, Infinity, collect)
      return messages
    }
    const first = this.first[to] as number
    const clocks = [first, this.second[to] as number, ...(this.later[to] ?? [])]
    for (const clock of clocks) {
      if (clock === Infinity) break
      const bucket = this.buckets.get(clock) as Bucket
      for (let row = bucket.head[to] as number; row !== -1; row = bucket.next(row))
        bucket.visit(row, collect, false)
    }
    return messages
  }

  /** Notes that node `to` has rows at `clock` (it had none there). */
  private track(to: number, at: number): void {
    let clock = at
    const first = this.first[to] as number
    if (first === Infinity) {
      this.first[to] = clock
      return
    }
    const second = this.second[to] as number
    if (clock < first) {
      this.first[to] = clock
      clock = first
    }
    if (second === Infinity) {
      this.second[to] = clock
      return
    }
    if (clock < second) {
      this.second[to] = clock
      clock = second
    }
    const later = (this.later[to] ??= [])
    let i = later.length
    while (i > 0 && (later[i - 1] as number) > clock) i--
    later.splice(i, 0, clock)
  }

  private bucket(clock: number): Bucket {
    let bucket = this.buckets.get(clock)
    if (!bucket) {
      bucket = this.pool.pop() ?? new Bucket(this.nodes)
      bucket.clock = clock
      bucket.downs = this.links.downs
      this.buckets.set(clock, bucket)
    }
    this.last = bucket
    return bucket
  }

  /** Every receiver took its rows (so every head is -1 again): the bucket can hold another clock. */
  private release(bucket: Bucket): void {
    this.buckets.delete(bucket.clock)
    if (this.last === bucket) this.last = null
    // Drop the references, so blocks and transactions are not kept alive by a pooled bucket.
    bucket.payloads.length = 0
    bucket.length = 0
    if (this.pool.length < POOL_SIZE) this.pool.push(bucket)
  }
}
