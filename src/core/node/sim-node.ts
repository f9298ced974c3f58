import type { Transaction, TransferRequest, TxRefusal } from '../chain/transaction'
import { applyTransfer } from '../chain/transaction'
import type { NodeStatus } from '../node-status'
import { mineBlock } from '../pow/block-hash'
import { sha256Hex } from '../pow/sha256'
import { nextSuccess } from '../random'
import { timestampAt } from '../sim-time'
import { NodeData, type Request } from './node-data'
import { blockNews } from '../network/message-records'
import { emitDelivered, takeArrivals } from './arrivals'
import { applyBlockResult, receiveBlocks, receiveTx } from './receive'
import { WORK_CLOCKS, WORK_STATUS, blocksOf, isBroadcast, type Activity, type Work } from './work'

export { PASSIVE, type NodeContext, type NodeTraits } from './node-context'

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
export class SimNode extends NodeData {
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
    takeArrivals(this, t)
    if (!this.activity) {
      const message = this.inbox.firstReady <= t ? this.inbox.shift() : undefined
      if (message) {
        emitDelivered(this, message, message.from, message.id, t)
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
      if (this.ctx.observed.status) this.ctx.status(t, this.index, status, this.status)
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
    const inFlight = this.ctx.deliveries.firstReady(this.index)
    if (inFlight < due) due = inFlight
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

  private start(work: Work, t: number): void {
    const end = t + WORK_CLOCKS[work.kind] - 1
    switch (work.kind) {
      case 'mine': {
        const plan = this.attacker?.plan(this.tree, this.pool)
        const tip = plan?.tip ?? this.tree.tip
        const template = {
          id: tip.height + 1,
          previous_block_hash: tip.block.hash,
          transactions: plan?.transactions ?? this.pool.selectForBlock(tip.balances),
          miner: this.id,
        }
        this.activity = { work, start: t, end, template }
        return
      }
      case 'broadcast-tx':
        this.ctx.broadcast(this.index, { type: 'NEW_TX', tx: work.tx }, t)
        break
      case 'broadcast-block':
        this.ctx.broadcast(this.index, blockNews(work.block), t)
        break
      case 'announce-block':
        this.ctx.send(this.index, work.peer, blockNews(work.block), t)
        break
      case 'publish-blocks': {
        const payload = { type: 'BLOCKS', blocks: [...work.blocks] } as const
        if (work.peer === null) this.ctx.broadcast(this.index, payload, t)
        else this.ctx.send(this.index, work.peer, payload, t)
        break
      }
      case 'receive-tx': {
        const received = receiveTx(this, work, t)
        const relay = this.attacker ? this.attacker.onTxReceived(received) : received
        this.activity = relay ? { work, start: t, end, then: relay } : { work, start: t, end }
        return
      }
      case 'receive-block': {
        let relay = receiveBlocks(this, work.message, t)
        if (this.attacker)
          relay = this.attacker.onReceived(
            this.tree,
            blocksOf(work.message),
            relay,
            t,
            work.message.from,
          )
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
      this.followUp = this.attacker
        ? this.attacker.onMined(this.tree, block, t)
        : { kind: 'broadcast-block', block }
      return
    }
    if (activity.then) this.followUp = activity.then
  }
}
