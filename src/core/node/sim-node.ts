import type { Block } from '../chain/block'
import {
  BlockTree,
  type AddBlockResult,
  type ChainEntry,
  type HeldEntries,
} from '../chain/block-tree'
import type { Transaction, TransferRequest, TxRefusal } from '../chain/transaction'
import { applyTransfer } from '../chain/transaction'
import { blockRef, type EngineEvent, type Origin } from '../events'
import {
  isFreeOnArrival,
  messageSubject,
  type Message,
  type MessagePayload,
} from '../network/message'
import type { NodeStatus } from '../node-status'
import { mineBlock } from '../pow/block-hash'
import { sha256Hex } from '../pow/sha256'
import { createRandom, nextSuccess, type Random } from '../random'
import { timestampAt } from '../sim-time'
import type { BlocksMark, NodeCheckpoint, NodeState } from '../network/network-state'
import { TxPool } from './tx-pool'
import {
  WORK_CLOCKS,
  WORK_STATUS,
  isBroadcast,
  type Activity,
  type BlockMessage,
  type Work,
} from './work'

/** What a node needs from its network: the only way it reaches anything outside itself. */
export interface NodeContext {
  readonly difficulty: number
  readonly epochMs: number
  emit(event: EngineEvent): void
  /** Sends to one peer; `sent` is the clock the message leaves. */
  send(from: string, to: string, payload: MessagePayload, sent: number): void
  /** Sends to every peer. */
  broadcast(from: string, payload: MessagePayload, sent: number): void
  isLinkUp(a: string, b: string): boolean
  /** Orders messages that become ready in the same clock: by sender, then by id. */
  indexOf(node: string): number
}

/** What drives a node by itself: automatic mining and a transaction workload (both optional). */
export interface NodeTraits {
  /** Chance per idle clock of starting to mine (0: only when asked). */
  readonly mineChance: number
  /** Chance per clock of a workload transfer arriving at this node (0: none). */
  readonly txChance: number
  readonly accounts: readonly string[]
  readonly minValue: number
  readonly maxValue: number
  /** The node's own random stream, so a node draws the same numbers in any thread. */
  readonly seed: number
}

export const PASSIVE: NodeTraits = {
  mineChance: 0,
  txChance: 0,
  accounts: [],
  minValue: 1,
  maxValue: 1,
  seed: 0,
}

/** A controller's request waiting for the node to be free. */
interface Request {
  readonly work: Work
  readonly ready: number
}

/**
 * One simulated node: a state machine advanced one clock at a time, in two phases.
 *
 * `begin(t)` starts the node's own work for clock t: a pending relay, then an announcement of its
 * tip to a peer whose link came up, then controller requests. `finish(t)` takes what arrived by
 * t, starts receiving if the node is still free, and completes what ends at t. A relay always
 * comes next once decided, and so does an announcement once the node is free, so either is begun
 * as soon as it is settled: at the end of the clock before, or, for an announcement queued while
 * the node is free, when it is queued. Its messages (stamped with the clock they leave) then
 * exist before any peer looks at its inbox for that clock, whichever order nodes are stepped in.
 * That is what makes the spec's timeline independent of stepping order, and what lets shards of
 * a network run in separate workers with one exchange of messages per clock.
 */
/**
 * Where a resumed node's accepted blocks come from: listed in its state (`block` looks them up by
 * hash, `shared` holds the entries the nodes of one checkpoint have in common), or held by
 * whoever stored the run, in which case the state's `blocks` list is not read.
 */
export type TreeSource =
  | { readonly block: (hash: string) => Block; readonly shared?: Map<string, ChainEntry> }
  | { readonly block: (hash: string) => Block; readonly held: HeldEntries }

export class SimNode {
  clock = 0
  status: NodeStatus = 'idle'
  started = false
  /** Which tree the node is on: a reset starts a new one (checkpoints count blocks per tree). */
  private treeNumber = 0
  tree: BlockTree
  readonly pool = new TxPool()
  private requests: Request[] = []
  private followUp: Work | null = null
  /** Peers to announce the tip to, in the order their links came up, each at most once. */
  private announcements: string[] = []
  private inbox: Message[] = []
  private activity: Activity | null = null
  private begunFor = -1
  private submissions = 0
  private random: Random
  /** The clocks at which the automatic miner's and the workload's next trials succeed. */
  private nextMineAt = Infinity
  private nextTxAt = Infinity

  constructor(
    readonly id: string,
    private readonly genesis: Block,
    private readonly ctx: NodeContext,
    private traits: NodeTraits = PASSIVE,
  ) {
    this.tree = new BlockTree(genesis, ctx.difficulty)
    this.random = createRandom(traits.seed)
    this.drawSchedule(0)
  }

  exportChances(): Pick<NodeTraits, 'mineChance' | 'txChance'> {
    return { mineChance: this.traits.mineChance, txChance: this.traits.txChance }
  }

  /** Changes how often the node mines and receives workload transfers by itself, from now on. */
  retune(changes: Pick<NodeTraits, 'mineChance' | 'txChance'>): void {
    this.traits = { ...this.traits, ...changes }
    this.drawSchedule(this.clock)
  }

  private drawSchedule(clock: number): void {
    this.nextMineAt = nextSuccess(this.random, clock, this.traits.mineChance)
    this.nextTxAt = nextSuccess(this.random, clock, this.traits.txChance)
  }

  /** Back to clock 0 with only genesis, an empty pool and nothing queued. */
  reset(): Message[] {
    const dropped = this.inbox
    this.treeNumber++
    this.clock = 0
    this.status = 'idle'
    this.tree = new BlockTree(this.genesis, this.ctx.difficulty)
    this.pool.clear()
    this.requests = []
    this.followUp = null
    this.announcements = []
    this.inbox = []
    this.activity = null
    this.begunFor = -1
    this.drawSchedule(0)
    return dropped
  }

  get queueLength(): number {
    return (
      this.requests.length + (this.followUp ? 1 : 0) + this.announcements.length + this.inbox.length
    )
  }

  get currentActivity(): Activity | null {
    return this.activity
  }

  /** The node's state for a checkpoint; its blocks only from `since` when that is this tree's. */
  exportCheckpoint(since?: BlocksMark): NodeCheckpoint {
    const { blocks: _all, ...state } = this.exportState(false)
    const from =
      since && since.tree === this.treeNumber && since.count <= this.tree.acceptedCount
        ? since.count
        : 0
    return {
      ...state,
      tree: this.treeNumber,
      blocksFrom: from,
      blocks: this.tree.acceptedSince(from).map((e) => e.block.hash),
    }
  }

  /** The node's whole state as plain data (blocks by hash; the network keeps the blocks). */
  exportState(withBlocks = true): NodeState {
    return {
      id: this.id,
      started: this.started,
      clock: this.clock,
      status: this.status,
      blocks: withBlocks ? [...this.tree.allEntries()].map((e) => e.block.hash) : [],
      tip: this.tree.tip.block.hash,
      orphans: this.tree.allOrphans().map((b) => b.hash),
      pool: this.pool.all(),
      requests: [...this.requests],
      followUp: this.followUp,
      announcements: [...this.announcements],
      inbox: [...this.inbox],
      activity: this.activity,
      begunFor: this.begunFor,
      submissions: this.submissions,
      random: this.random.state(),
      nextMineAt: this.nextMineAt,
      nextTxAt: this.nextTxAt,
      mineChance: this.traits.mineChance,
      txChance: this.traits.txChance,
    }
  }

  /** Resumes from `exportState`'s output, its accepted blocks taken from `source`. */
  importState(state: NodeState, source: TreeSource): void {
    this.started = state.started
    this.clock = state.clock
    this.status = state.status
    const orphans = state.orphans.map(source.block)
    this.tree =
      'held' in source
        ? BlockTree.resume(this.genesis, this.ctx.difficulty, source.held, state.tip, orphans)
        : BlockTree.restore(
            this.genesis,
            this.ctx.difficulty,
            state.blocks.map(source.block),
            state.tip,
            orphans,
            source.shared,
          )
    this.pool.clear()
    for (const tx of state.pool) this.pool.restore(tx)
    this.requests = [...state.requests]
    this.followUp = state.followUp
    this.announcements = [...(state.announcements ?? [])]
    this.inbox = [...state.inbox]
    this.activity = state.activity
    this.begunFor = state.begunFor
    this.submissions = state.submissions
    this.traits = { ...this.traits, mineChance: state.mineChance, txChance: state.txChance }
    this.random = createRandom(this.traits.seed, state.random)
    // JSON has no Infinity: a missing or null time means "never".
    this.nextMineAt = state.nextMineAt ?? Infinity
    this.nextTxAt = state.nextTxAt ?? Infinity
  }

  requestMine(): void {
    this.requests.push({ work: { kind: 'mine' }, ready: this.clock + 1 })
  }

  /**
   * Checks a controller's transfer against this node's view (main-chain balances less the pool
   * and the transfers already queued) and queues it; it enters the pool when the node receives it.
   */
  submit(request: TransferRequest): { tx: Transaction } | { refusal: TxRefusal; tx: Transaction } {
    return this.submitAt(request, this.clock + 1)
  }

  private submitAt(
    request: TransferRequest,
    ready: number,
  ): { tx: Transaction } | { refusal: TxRefusal; tx: Transaction } {
    const { sender, recipient, value } = request
    // The node, its own counter and the transfer name the transaction: two equal transfers are
    // two transactions, and ids do not depend on what other nodes (or threads) do.
    const id = sha256Hex(`${this.id}:${++this.submissions}:${sender}:${recipient}:${value}`).slice(
      0,
      16,
    )
    const tx: Transaction = { sender, recipient, value, id }
    const queued = this.requests.flatMap((r) => (r.work.kind === 'receive-tx' ? [r.work.tx] : []))
    const refusal = applyTransfer(this.pool.spendable(this.tree.tip.balances, queued), tx)
    if (refusal !== null) return { refusal, tx }
    this.requests.push({ work: { kind: 'receive-tx', tx, message: null }, ready })
    return { tx }
  }

  /**
   * A link to `peer` came up at run time: the node announces its main chain's tip to that peer
   * at its next free clock (spec: "Links coming up"). The tip is taken when the announcement
   * leaves, so it is the newest the node has by then. A node free at its next clock begins it now,
   * as it begins a relay: the message then exists before the peer looks at its inbox for that
   * clock, however far ahead or behind the peer is stepped.
   */
  announceTo(peer: string): void {
    if (this.announcements.includes(peer)) return
    this.announcements.push(peer)
    if (this.begunFor <= this.clock && this.activity === null) this.begin(this.clock + 1)
  }

  /** Puts a message in the inbox, in the deterministic order the node will take them. */
  deliver(message: Message): void {
    const key = (m: Message): [number, number, number, number] => [
      m.ready,
      m.sent,
      this.ctx.indexOf(m.from),
      m.id,
    ]
    const k = key(message)
    let lo = 0
    let hi = this.inbox.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const km = key(this.inbox[mid] as Message)
      if (compareKeys(km, k) <= 0) lo = mid + 1
      else hi = mid
    }
    this.inbox.splice(lo, 0, message)
  }

  /** Phase one of clock t: start own work (a relay, an announcement, then controller requests). */
  begin(t: number): void {
    this.begunFor = t
    if (this.nextTxAt <= t) this.workloadArrives(t)
    if (this.activity && this.activity.end >= t) return
    this.activity = null
    let work = this.followUp ?? this.nextAnnouncement()
    this.followUp = null
    if (!work) {
      const index = this.requests.findIndex((r) => r.ready <= t)
      if (index >= 0) work = (this.requests.splice(index, 1)[0] as Request).work
    }
    if (work) this.start(work, t)
  }

  /** Phase two of clock t: arrivals, receiving when free, and completing what ends at t. */
  finish(t: number): void {
    if (this.begunFor !== t) this.begin(t)
    this.takeArrivals(t)
    if (!this.activity) {
      const message = this.inbox.find((m) => m.ready <= t)
      if (message) {
        this.inbox.splice(this.inbox.indexOf(message), 1)
        this.emitDelivered(message, t)
        if (message.type === 'NEW_TX')
          this.start({ kind: 'receive-tx', tx: message.tx, message }, t)
        else if (message.type === 'NEW_BLOCK' || message.type === 'BLOCKS')
          this.start({ kind: 'receive-block', message }, t)
      }
    }
    if (!this.activity && this.nextMineAt === t && !this.inbox.some((m) => m.ready <= t))
      this.start({ kind: 'mine' }, t)
    // A trial that succeeds while the node is busy is lost, as a miner busy with a block
    // is not mining another: draw the next.
    if (this.nextMineAt <= t) this.nextMineAt = nextSuccess(this.random, t, this.traits.mineChance)
    const status: NodeStatus = this.activity ? WORK_STATUS[this.activity.work.kind] : 'idle'
    this.clock = t
    if (status !== this.status) {
      this.ctx.emit({ kind: 'node.status', clock: t, node: this.id, status, previous: this.status })
      this.status = status
    }
    if (this.activity && this.activity.end === t) this.complete(this.activity, t)
    if (this.decidedNext()) this.begin(t + 1)
  }

  /**
   * Is the node's work for the next clock settled at the end of this one? A relay always comes
   * next, and an announcement does when the node is free: nothing that can arrive before the
   * next clock (a controller request, a message) comes before either.
   */
  private decidedNext(): boolean {
    if (this.followUp) return isBroadcast(this.followUp)
    return this.activity === null && this.announcements.length > 0
  }

  /** The oldest pending announcement, carrying the tip as it is now (null: none). */
  private nextAnnouncement(): Work | null {
    const peer = this.announcements.shift()
    if (peer === undefined) return null
    return { kind: 'announce-block', block: this.tree.tip.block, peer }
  }

  /**
   * The earliest clock during whose processing this node could send a message, judged from its
   * own state alone (null: not until something reaches it). Workers use it to run ahead safely.
   */
  earliestSend(): number | null {
    if (!this.started) return null
    if (this.queueLength > 0) return this.clock + 1
    // A transfer received at its arrival clock is relayed from the next; a block mined from
    // clock s is announced from s + 3.
    let send = Math.min(this.nextTxAt, this.nextMineAt + 2)
    if (this.activity && this.activity.end > this.clock) send = Math.min(send, this.activity.end)
    return Number.isFinite(send) ? send : null
  }

  /** A workload transfer arrives: random accounts and value, queued like a controller's. */
  private workloadArrives(t: number): void {
    const { accounts, minValue, maxValue } = this.traits
    const sender = accounts[this.random.int(accounts.length)] as string
    let recipient = accounts[this.random.int(accounts.length - 1)] as string
    if (recipient === sender) recipient = accounts[accounts.length - 1] as string
    const value = minValue + this.random.int(maxValue - minValue + 1)
    this.nextTxAt = nextSuccess(this.random, t, this.traits.txChance)
    const result = this.submitAt({ sender, recipient, value }, t)
    if ('refusal' in result)
      this.ctx.emit({
        kind: 'tx.refused',
        clock: t,
        node: this.id,
        tx: result.tx,
        origin: { workload: true },
        reason: result.refusal,
      })
  }

  /** Handles what arrived by clock t: acks and block requests at no cost, known news dropped. */
  private takeArrivals(t: number): void {
    const keep: Message[] = []
    for (const message of this.inbox) {
      if (message.ready > t) {
        keep.push(message)
        continue
      }
      if (!this.ctx.isLinkUp(message.from, this.id)) this.drop(message, 'link-cut', t)
      else if (isFreeOnArrival(message)) this.answer(message, t)
      else if (this.isKnown(message)) this.drop(message, 'known', t)
      else keep.push(message)
    }
    this.inbox = keep
  }

  private isKnown(message: Message): boolean {
    switch (message.type) {
      case 'NEW_TX':
        return this.pool.has(message.tx.id) || this.tree.hasTransaction(message.tx.id)
      case 'NEW_BLOCK':
        return this.tree.hasBlock(message.block.hash)
      case 'BLOCKS':
        return message.blocks.every((b) => this.tree.hasBlock(b.hash))
      default:
        return false
    }
  }

  private answer(message: Message, t: number): void {
    this.emitDelivered(message, t)
    if (message.type === 'GET_BLOCKS') {
      // Answering costs no clock, but the reply leaves at the next clock: a message produced while
      // handling clock t must not reach a node that may already have looked at its inbox for t.
      const blocks = this.tree.blocksSince(message.want, message.locator)
      this.ctx.send(this.id, message.from, { type: 'BLOCKS', blocks }, t + 1)
    }
  }

  private drop(message: Message, reason: 'known' | 'link-cut', t: number): void {
    this.ctx.emit({
      kind: 'message.dropped',
      clock: t,
      node: this.id,
      id: message.id,
      type: message.type,
      from: message.from,
      subject: messageSubject(message),
      reason,
    })
  }

  private emitDelivered(message: Message, t: number): void {
    this.ctx.emit({
      kind: 'message.delivered',
      clock: t,
      node: this.id,
      id: message.id,
      type: message.type,
      from: message.from,
      subject: messageSubject(message),
    })
  }

  private start(work: Work, t: number): void {
    const end = t + WORK_CLOCKS[work.kind] - 1
    switch (work.kind) {
      case 'mine': {
        const tip = this.tree.tip
        const template = {
          id: tip.height + 1,
          previous_block_hash: tip.block.hash,
          transactions: this.pool.selectForBlock(tip.balances),
          miner: this.id,
        }
        this.activity = { work, start: t, end, template }
        return
      }
      case 'broadcast-tx':
        this.ctx.broadcast(this.id, { type: 'NEW_TX', tx: work.tx }, t)
        break
      case 'broadcast-block':
        this.ctx.broadcast(this.id, { type: 'NEW_BLOCK', block: work.block }, t)
        break
      case 'announce-block':
        this.ctx.send(this.id, work.peer, { type: 'NEW_BLOCK', block: work.block }, t)
        break
      case 'receive-tx': {
        const relay = this.receiveTx(work, t)
        this.activity = { work, start: t, end, ...(relay ? { then: relay } : {}) }
        return
      }
      case 'receive-block': {
        const relay = this.receiveBlocks(work.message, t)
        this.activity = { work, start: t, end, ...(relay ? { then: relay } : {}) }
        return
      }
    }
    this.activity = { work, start: t, end }
  }

  private complete(activity: Activity, t: number): void {
    this.activity = null
    if (activity.work.kind === 'mine' && activity.template) {
      const block = mineBlock(
        { ...activity.template, timestamp: timestampAt(this.ctx.epochMs, t) },
        this.ctx.difficulty,
      )
      this.ctx.emit({ kind: 'block.mined', clock: t, node: this.id, block })
      this.applyBlockResult(this.tree.add(block), block, null, t)
      this.followUp = { kind: 'broadcast-block', block }
      return
    }
    if (activity.then) this.followUp = activity.then
  }

  private receiveTx(work: Extract<Work, { kind: 'receive-tx' }>, t: number): Work | null {
    const origin: Origin = work.message ? { peer: work.message.from } : { controller: true }
    const base = { clock: t, node: this.id, tx: work.tx, origin }
    if (work.message) this.ack(work.message, t)
    const refusal = this.tree.hasTransaction(work.tx.id)
      ? 'duplicate'
      : this.pool.add(work.tx, this.tree.tip.balances)
    if (refusal !== null) {
      this.ctx.emit({ kind: 'tx.refused', ...base, reason: refusal })
      return null
    }
    this.ctx.emit({ kind: 'tx.accepted', ...base })
    return { kind: 'broadcast-tx', tx: work.tx }
  }

  private receiveBlocks(message: BlockMessage, t: number): Work | null {
    this.ack(message, t)
    const blocks = message.type === 'NEW_BLOCK' ? [message.block] : message.blocks
    let highest: ChainEntry | null = null
    for (const block of blocks) {
      const result = this.tree.add(block)
      if (result.kind === 'orphan') {
        this.ctx.emit({
          kind: 'block.orphaned',
          clock: t,
          node: this.id,
          block: blockRef(block),
          from: message.from,
        })
        // Only a single new block asks for its ancestors: a reply that is itself incomplete would
        // otherwise start an endless exchange with a peer that cannot fill the gap.
        if (message.type === 'NEW_BLOCK') {
          const payload = {
            type: 'GET_BLOCKS',
            want: block.previous_block_hash,
            locator: this.tree.locator(),
          } as const
          this.ctx.send(this.id, message.from, payload, t + 1)
        }
      }
      for (const entry of this.applyBlockResult(result, block, message.from, t))
        if (!highest || entry.height > highest.height) highest = entry
    }
    return highest ? { kind: 'broadcast-block', block: highest.block } : null
  }

  /** Records the outcome of adding a block and keeps the pool consistent with the main chain. */
  private applyBlockResult(
    result: AddBlockResult,
    block: Block,
    from: string | null,
    t: number,
  ): readonly ChainEntry[] {
    if (result.kind === 'refused') {
      this.ctx.emit({
        kind: 'block.refused',
        clock: t,
        node: this.id,
        block,
        from,
        reason: result.reason,
      })
      return []
    }
    if (result.kind !== 'accepted') return []
    for (const { block: refused, reason } of result.refused)
      this.ctx.emit({
        kind: 'block.refused',
        clock: t,
        node: this.id,
        block: refused,
        from,
        reason,
      })
    const change = result.tipChange
    const returned = change ? this.rebuildPool(change.abandoned, t) : []
    for (const entry of result.added) {
      this.ctx.emit({
        kind: 'block.accepted',
        clock: t,
        node: this.id,
        block: blockRef(entry.block),
        from,
        onMainChain: this.tree.isOnMainChain(entry),
      })
    }
    if (change && change.abandoned.length > 0) {
      this.ctx.emit({
        kind: 'chain.reorg',
        clock: t,
        node: this.id,
        oldTip: change.oldTip.block.hash,
        newTip: change.newTip.block.hash,
        depth: change.abandoned.length,
        abandoned: change.abandoned.map((e) => e.block.hash),
        adopted: change.adopted.map((e) => e.block.hash),
        returned,
      })
    }
    return result.added
  }

  /**
   * After the main chain moved: transactions of abandoned blocks go back to the pool where still
   * valid, what the new chain includes leaves it, and what no longer fits is evicted.
   * Returns the ids of the transactions that came back.
   */
  private rebuildPool(abandoned: readonly ChainEntry[], t: number): string[] {
    const before = this.pool.all()
    const candidates = [...[...abandoned].reverse().flatMap((e) => e.block.transactions), ...before]
    this.pool.clear()
    const tip = this.tree.tip
    const returned: string[] = []
    const wasPooled = new Set(before.map((tx) => tx.id))
    for (const tx of candidates) {
      if (this.tree.isTransactionOnMainChain(tx.id) || this.pool.has(tx.id)) continue
      if (this.pool.add(tx, tip.balances) === null) {
        if (!wasPooled.has(tx.id)) returned.push(tx.id)
      } else if (wasPooled.has(tx.id)) {
        this.ctx.emit({ kind: 'tx.evicted', clock: t, node: this.id, tx })
      }
    }
    return returned
  }

  private ack(message: BlockMessage | Extract<Message, { type: 'NEW_TX' }>, t: number): void {
    const payload: MessagePayload =
      message.type === 'NEW_TX'
        ? { type: 'ACK_TX', txId: message.tx.id }
        : { type: 'ACK_BLOCK', hash: messageSubject(message) }
    this.ctx.send(this.id, message.from, payload, t + 1)
  }
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number)
    if (d !== 0) return d
  }
  return 0
}
