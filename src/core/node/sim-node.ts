import type { Block } from '../chain/block'
import { BlockTree } from '../chain/block-tree'
import type { Transaction, TransferRequest, TxRefusal } from '../chain/transaction'
import { applyTransfer } from '../chain/transaction'
import { isFreeOnArrival, messageSubject, type Message } from '../network/message'
import type { NodeStatus } from '../node-status'
import { mineBlock } from '../pow/block-hash'
import { sha256Hex } from '../pow/sha256'
import { createRandom, nextSuccess, type Random } from '../random'
import { timestampAt } from '../sim-time'
import type { BlocksMark, NodeCheckpoint, NodeState } from '../network/network-state'
import { Inbox } from './inbox'
import { PASSIVE, type NodeContext, type NodeTraits, type TreeSource } from './node-context'
import { applyBlockResult, receiveBlocks, receiveTx } from './receive'
import { TxPool } from './tx-pool'
import { WORK_CLOCKS, WORK_STATUS, isBroadcast, type Activity, type Work } from './work'

export { PASSIVE, type NodeContext, type NodeTraits, type TreeSource } from './node-context'

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
  private readonly inbox: Inbox
  private activity: Activity | null = null
  private begunFor = -1
  private submissions = 0
  private random: Random
  /** The clocks at which the automatic miner's and the workload's next trials succeed. */
  private nextMineAt = Infinity
  private nextTxAt = Infinity

  /**
   * `index` is the node's place in the network's node order: the engine names nodes by it on its
   * hot path, and it orders messages that become ready together.
   */
  constructor(
    readonly id: string,
    readonly index: number,
    private readonly genesis: Block,
    readonly ctx: NodeContext,
    private traits: NodeTraits = PASSIVE,
  ) {
    this.inbox = new Inbox(ctx.indexOf)
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
    const dropped = this.inbox.items
    this.treeNumber++
    this.clock = 0
    this.status = 'idle'
    this.tree = new BlockTree(this.genesis, this.ctx.difficulty)
    this.pool.clear()
    this.requests = []
    this.followUp = null
    this.announcements = []
    this.inbox.items = []
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
      inbox: [...this.inbox.items],
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
    this.inbox.items = [...state.inbox]
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
    this.inbox.insert(message)
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
    // A clock at which nothing is due changes only the node's clock (see nextDue).
    if (t === this.clock + 1 && this.nextDue() > t) return this.idleTo(t)
    if (this.begunFor !== t) this.begin(t)
    this.takeArrivals(t)
    if (!this.activity) {
      const message = this.inbox.firstReady <= t ? this.inbox.shift() : undefined
      if (message) {
        this.emitDelivered(message, t)
        if (message.type === 'NEW_TX')
          this.start({ kind: 'receive-tx', tx: message.tx, message }, t)
        else if (message.type === 'NEW_BLOCK' || message.type === 'BLOCKS')
          this.start({ kind: 'receive-block', message }, t)
      }
    }
    if (!this.activity && this.nextMineAt === t && this.inbox.firstReady > t)
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
   * The first clock after this one at which the node has anything to do: a message to take, work
   * that ends, a relay or request to begin, a status to report, or the clock its automatic miner
   * or workload draws next (drawn ahead of time, so skipping to it draws the same numbers). At
   * every clock before it, processing the node would only move its clock; a network skips those
   * clocks (see idleTo).
   */
  nextDue(): number {
    const next = this.clock + 1
    if (this.begunFor > this.clock || this.requests.length > 0 || this.followUp !== null)
      return next
    if (this.announcements.length > 0) return next
    const activity = this.activity
    if ((activity ? WORK_STATUS[activity.work.kind] : 'idle') !== this.status) return next
    let due = this.nextTxAt < this.nextMineAt ? this.nextTxAt : this.nextMineAt
    const ready = this.inbox.firstReady
    if (ready < due) due = ready
    if (activity && activity.end < due) due = activity.end
    return due > next ? due : next
  }

  /**
   * Moves the clock to t through clocks at which nothing is due (t < nextDue()): exactly what
   * processing each of them one by one would leave.
   */
  idleTo(t: number): void {
    this.clock = t
    this.begunFor = t
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
    const arrived = this.inbox.readyCount(t)
    if (arrived === 0) return
    const items = this.inbox.items
    let kept = 0
    for (let i = 0; i < arrived; i++) {
      const message = items[i] as Message
      if (!this.ctx.isLinkUp(message.from, this.index)) this.drop(message, 'link-cut', t)
      else if (isFreeOnArrival(message)) this.answer(message, t)
      else if (this.isKnown(message)) this.drop(message, 'known', t)
      else items[kept++] = message
    }
    if (kept < arrived) items.splice(kept, arrived - kept)
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
      this.ctx.send(this.index, message.from, { type: 'BLOCKS', blocks }, t + 1)
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
        this.ctx.broadcast(this.index, { type: 'NEW_TX', tx: work.tx }, t)
        break
      case 'broadcast-block':
        this.ctx.broadcast(this.index, { type: 'NEW_BLOCK', block: work.block }, t)
        break
      case 'announce-block':
        this.ctx.send(this.index, work.peer, { type: 'NEW_BLOCK', block: work.block }, t)
        break
      case 'receive-tx': {
        const relay = receiveTx(this, work, t)
        this.activity = relay ? { work, start: t, end, then: relay } : { work, start: t, end }
        return
      }
      case 'receive-block': {
        const relay = receiveBlocks(this, work.message, t)
        this.activity = relay ? { work, start: t, end, then: relay } : { work, start: t, end }
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
      applyBlockResult(this, this.tree.add(block), block, null, t)
      this.followUp = { kind: 'broadcast-block', block }
      return
    }
    if (activity.then) this.followUp = activity.then
  }
}
