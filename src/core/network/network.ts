import type { Block } from '../chain/block'
import type { ChainEntry, HeldEntries } from '../chain/block-tree'
import { createGenesisBlock } from '../chain/genesis'
import type { TransferRequest } from '../chain/transaction'
import type { SubmitResult } from '../command-types'
import { createConfig, miningChances, type NetworkConfig, type NetworkConfigInput } from '../config'
import { createRandom, mixSeed } from '../random'
import { EngineError } from '../errors'
import type { DropReason, EngineEvent, SequencedEvent } from '../events'
import { SimNode, type NodeContext } from '../node/sim-node'
import { parseTimestamp } from '../sim-time'
import { messageSubject, type Message, type MessagePayload } from './message'
import { createMessage } from './message-records'
import type { BlocksMark, CheckpointState, NetworkState } from './network-state'
import { LinkTable, type Link, type LinkView } from './links'
import { createEdges } from './topology'

/**
 * A whole simulated network: its nodes, the links between them and the messages in flight. Pure:
 * no I/O, no wall clock, no Math.random; the same config and calls give the same events.
 */
export class Network {
  readonly config: NetworkConfig
  readonly genesis: Block
  /** The nodes in node order; inside the engine a node is named by its index here. */
  private readonly order: SimNode[] = []
  private readonly index = new Map<string, number>()
  private readonly links: LinkTable
  private events: SequencedEvent[] = []
  private seq = 0
  /** Messages sent, per sender by index, so ids are the same whichever thread a node runs in. */
  private readonly sentCount: Float64Array
  /** Senders in the order they first sent: the order states list their counters in. */
  private readonly senders: number[] = []
  private outbox: Message[] = []
  /** 1 for the nodes this instance steps (see the constructor), by index. */
  private readonly owned: Uint8Array
  private readonly ownsAll: boolean
  private readonly context: NodeContext

  /**
   * `owned` names the nodes this instance steps when the network is split across workers; the
   * others are stand-ins whose messages go to the outbox for another shard. Default: all.
   */
  constructor(input: NetworkConfigInput | NetworkConfig = {}, owned?: Iterable<string>) {
    this.config = createConfig(input)
    const count = this.config.nodes.length
    this.config.nodes.forEach((id, i) => this.index.set(id, i))
    const indexOf = (node: string): number => this.index.get(node) ?? -1
    this.links = new LinkTable(count, indexOf)
    this.sentCount = new Float64Array(count)
    this.owned = new Uint8Array(count).fill(owned ? 0 : 1)
    for (const id of owned ?? []) if (this.index.has(id)) this.owned[indexOf(id)] = 1
    this.ownsAll = this.owned.every((o) => o === 1)
    this.genesis = createGenesisBlock(this.config.genesis, this.config.epoch)
    this.context = {
      difficulty: this.config.difficulty,
      epochMs: parseTimestamp(this.config.epoch) ?? 0,
      emit: (event) => this.emit(event),
      send: (from, to, payload, sent) =>
        this.send(from, to, payload, sent, this.links.between(from, to)),
      broadcast: (from, payload, sent) => {
        for (const [peer, link] of this.links.of(from)) this.send(from, peer, payload, sent, link)
      },
      isLinkUp: (from, to) => this.links.between(to, from)?.up ?? false,
      indexOf,
    }
    const mining = miningChances(this.config)
    const workload = this.config.workload
    const accounts = this.config.genesis.map((g) => g.recipient)
    this.config.nodes.forEach((id, i) => {
      const node = new SimNode(id, i, this.genesis, this.context, {
        mineChance: mining[i] ?? 0,
        txChance: workload ? Math.min(1, workload.rate / this.config.nodes.length) : 0,
        accounts,
        minValue: workload?.minValue ?? 1,
        maxValue: workload?.maxValue ?? 1,
        seed: mixSeed(this.config.seed, i, 1),
      })
      this.order.push(node)
    })
    const { topology, seed, latency, latencySpread } = this.config
    const latencies = createRandom(mixSeed(seed, 2))
    for (const [a, b] of createEdges(topology, this.order.length, seed))
      this.links.add(
        this.config.nodes[a] as string,
        this.config.nodes[b] as string,
        latency + (latencySpread > 0 ? latencies.int(latencySpread + 1) : 0),
      )
  }

  /** The events since the last drain, in the order they happened. */
  drainEvents(): SequencedEvent[] {
    const drained = this.events
    this.events = []
    return drained
  }

  /** Messages sent to nodes another shard owns, since the last drain. */
  drainOutbox(): Message[] {
    const drained = this.outbox
    this.outbox = []
    return drained
  }

  /** Hands a message from another shard to the node it is for. */
  deliverFromShard(message: Message): void {
    this.node(message.to).deliver(message)
  }

  owns(id: string): boolean {
    return this.owned[this.index.get(id) ?? -1] === 1
  }

  /** The earliest clock in whose processing an owned node could send a message (null: none). */
  earliestSend(): number | null {
    let earliest: number | null = null
    for (const node of this.order) {
      if (this.owned[node.index] !== 1) continue
      const send = node.earliestSend()
      if (send !== null && (earliest === null || send < earliest)) earliest = send
    }
    return earliest
  }

  get nodeIds(): readonly string[] {
    return this.config.nodes
  }

  node(id: string): SimNode {
    const node = this.order[this.index.get(id) ?? -1]
    if (!node) throw new EngineError('unknown-node', `unknown node "${id}"`)
    return node
  }

  /** The whole state of the owned nodes, links and counters, as plain data. */
  exportState(): NetworkState {
    const blocks: Record<string, Block> = {}
    for (const node of this.ownedNodes()) {
      for (const entry of node.tree.allEntries()) blocks[entry.block.hash] = entry.block
      for (const orphan of node.tree.allOrphans()) blocks[orphan.hash] = orphan
    }
    return { ...this.exportShared(), nodes: this.ownedNodes().map((n) => n.exportState()), blocks }
  }

  /** The state for a checkpoint (see CheckpointState), block lists from the marks in `since`. */
  exportCheckpoint(since: Readonly<Record<string, BlocksMark>> = {}): CheckpointState {
    const nodes = this.ownedNodes().map((node) => node.exportCheckpoint(since[node.id]))
    return { ...this.exportShared(), nodes }
  }

  /** What every export holds besides the nodes: links, who started, message counters. */
  private exportShared(): Omit<NetworkState, 'nodes' | 'blocks'> {
    return {
      version: 1,
      links: this.allLinks(),
      started: this.order.filter((n) => n.started).map((n) => n.id),
      messageSeq: this.senders
        .filter((i) => this.owned[i] === 1)
        .map((i) => [(this.order[i] as SimNode).id, this.sentCount[i] as number] as const),
    }
  }

  /** A network resumed from `exportState` (a shard takes the nodes it owns). */
  static fromState(
    config: NetworkConfig,
    state: NetworkState,
    owned?: Iterable<string>,
    heldBy?: (nodeId: string) => HeldEntries,
  ): Network {
    const network = new Network(config, owned)
    network.links.clear()
    for (const link of state.links) network.links.add(link.a, link.b, link.latency).up = link.up
    const started = new Set(state.started)
    for (const node of network.order) node.started = started.has(node.id)
    for (const [id, seq] of state.messageSeq) {
      const i = network.index.get(id)
      if (i === undefined) continue
      if (!network.senders.includes(i)) network.senders.push(i)
      network.sentCount[i] = seq
    }
    const block = (hash: string): Block => {
      const found =
        state.blocks[hash] ?? (hash === network.genesis.hash ? network.genesis : undefined)
      if (!found) throw new Error(`checkpoint is missing block ${hash}`)
      return found
    }
    const shared = new Map<string, ChainEntry>()
    for (const nodeState of state.nodes)
      if (network.owns(nodeState.id))
        network
          .node(nodeState.id)
          .importState(
            nodeState,
            heldBy ? { block, held: heldBy(nodeState.id) } : { block, shared },
          )
    return network
  }

  /** The node, which must have been started. */
  startedNode(id: string): SimNode {
    const node = this.node(id)
    if (!node.started)
      throw new EngineError('not-started', `${id} is not started: call start first`)
    return node
  }

  /** The network's clock: the furthest any owned node has gone. */
  get clock(): number {
    return this.ownedNodes().reduce((max, n) => Math.max(max, n.clock), 0)
  }

  /** The clock of the owned node furthest behind. */
  get minClock(): number {
    return this.ownedNodes().reduce((min, n) => Math.min(min, n.clock), Infinity)
  }

  private ownedNodes(): SimNode[] {
    return this.ownsAll ? this.order : this.order.filter((n) => this.owned[n.index] === 1)
  }

  get isStarted(): boolean {
    return this.order.every((n) => n.started)
  }

  peersOf(id: string): { id: string; up: boolean; latency: number }[] {
    return this.links.peersOf(this.node(id).index)
  }

  allLinks(): LinkView[] {
    return this.links.list()
  }

  /** Activates nodes (all when none is named); starting a started node changes nothing. */
  start(id?: string): void {
    for (const node of id ? [this.node(id)] : this.order) {
      if (node.started) continue
      node.started = true
      this.emitFor(node.id, { kind: 'node.started', clock: node.clock, node: node.id })
    }
  }

  /** Back to clock 0 with genesis only (all nodes when none is named; links keep their state). */
  reset(id?: string): void {
    for (const node of id ? [this.startedNode(id)] : this.order) this.resetNode(node)
  }

  /**
   * Starts a node afresh, as the earlier server's `start` did by creating a new node: a started
   * node is reset (clock 0, genesis only, empty pool) and started again; one never started simply
   * starts. The events say which: `node.reset` then `node.started`.
   */
  restart(id: string): void {
    const node = this.node(id)
    if (node.started) this.resetNode(node)
    node.started = true
    this.emitFor(node.id, { kind: 'node.started', clock: node.clock, node: node.id })
  }

  private resetNode(node: SimNode): void {
    for (const message of node.reset()) this.dropped(message, 'reset', 0)
    this.emitFor(node.id, { kind: 'node.reset', clock: 0, node: node.id })
  }

  requestMine(id: string): void {
    const node = this.startedNode(id)
    node.requestMine()
    this.emit({ kind: 'mine.requested', clock: node.clock, node: id })
  }

  /** A controller's transfer: checked now, received by the node at its next free clock. */
  submitTransaction(id: string, request: TransferRequest): SubmitResult {
    const node = this.startedNode(id)
    const result = node.submit(request)
    if (!('refusal' in result)) return { ok: true, tx: result.tx }
    this.emit({
      kind: 'tx.refused',
      clock: node.clock,
      node: id,
      tx: result.tx,
      origin: { controller: true },
      reason: result.refusal,
    })
    return { ok: false, reason: result.refusal }
  }

  /** Steps one node to `clock`, as a controller calling that node's `clock/N` does. */
  stepNode(id: string, clock: number): void {
    const node = this.startedNode(id)
    if (!Number.isInteger(clock) || clock < node.clock)
      throw new EngineError(
        'clock-in-past',
        `${id} is at clock ${node.clock}; it cannot go back to ${clock}`,
      )
    for (let t = node.clock + 1; t <= clock; t++) node.finish(t)
  }

  /**
   * Steps every node together by `clocks`: to the furthest node's clock plus `clocks`, with nodes
   * that lag behind catching up first.
   */
  step(clocks: number): void {
    if (!this.isStarted) throw new EngineError('not-started', 'start the network first')
    const target = this.clock + clocks
    for (let t = this.minClock + 1; t <= target; t++) {
      this.tick(t)
      t = this.skipIdle(t, target)
    }
  }

  /** Processes clock t on every owned node that has reached t - 1, in node order. */
  tick(t: number): void {
    const { order, owned } = this
    for (let i = 0; i < order.length; i++) {
      const node = order[i] as SimNode
      if (node.clock === t - 1 && owned[i] === 1) node.finish(t)
    }
  }

  /**
   * After clock t, with every owned node started and at t: moves them all through the clocks at
   * which none has anything due, up to `limit` at most, and returns the last clock passed (t when
   * the next is due). Idle clocks then cost nothing, whatever the clock's resolution. A node's
   * next due clock includes messages waiting in its inbox, so a shard's run is safe to skip too:
   * no other shard can reach it before the clock its run ends at.
   */
  skipIdle(t: number, limit: number): number {
    if (t >= limit) return t
    const { order, owned } = this
    let due = Infinity
    for (let i = 0; i < order.length; i++) {
      if (owned[i] !== 1) continue
      const node = order[i] as SimNode
      if (node.clock !== t || !node.started) return t
      const next = node.nextDue()
      if (next < due) due = next
      if (due === t + 1) return t
    }
    const to = Math.min(due - 1, limit)
    if (to <= t) return t
    for (let i = 0; i < order.length; i++) if (owned[i] === 1) (order[i] as SimNode).idleTo(to)
    return to
  }

  /** Automatic mining from now on: a block every `interval` clocks network-wide, or off (null). */
  setAutoMine(interval: number | null): void {
    if (interval !== null && !(interval >= 1 && Number.isFinite(interval)))
      throw new EngineError('invalid-argument', 'interval is a number of clocks ≥ 1')
    const chances = miningChances({
      ...this.config,
      autoMine:
        interval === null ? null : { interval, hashPower: this.config.autoMine?.hashPower ?? null },
    })
    this.order.forEach((node, i) => {
      if (this.owned[i] === 1)
        node.retune({ mineChance: chances[i] ?? 0, txChance: node.exportChances().txChance })
    })
  }

  /** The transaction workload from now on: `rate` transfers per clock network-wide, or off. */
  setWorkload(rate: number | null): void {
    if (rate !== null && !(rate >= 0 && Number.isFinite(rate)))
      throw new EngineError('invalid-argument', 'rate is a number of transfers per clock ≥ 0')
    if (rate !== null && rate > 0 && this.config.genesis.length < 2)
      throw new EngineError('invalid-argument', 'a workload needs at least two accounts')
    const txChance = rate === null ? 0 : Math.min(1, rate / this.order.length)
    for (const node of this.order)
      if (this.owned[node.index] === 1)
        node.retune({ mineChance: node.exportChances().mineChance, txChance })
  }

  /** Cuts a link: messages on it are dropped until it is healed (a partition). */
  cutLink(a: string, b: string): void {
    this.setLinkUp(a, b, false)
  }

  /** Heals a cut link; its ends then announce their tips to each other (see announceAcross). */
  healLink(a: string, b: string): void {
    if (!this.setLinkUp(a, b, true)) return
    for (const end of this.sorted(a, b)) this.announceAcross(end, a, b)
  }

  /**
   * Links two nodes at run time (a node API `peer/add`); the ends then announce their tips to
   * each other (see announceAcross). The links a network starts with announce nothing.
   */
  addLink(a: string, b: string): void {
    this.node(a)
    this.node(b)
    if (a === b) throw new EngineError('invalid-argument', 'a node cannot be its own peer')
    if (this.links.get(a, b)) return
    this.links.add(a, b, this.config.latency)
    // Each end's events together, ends in node order: a worker host joins a replicated command's
    // events shard by shard, which is node order, so one thread must emit them in that order too.
    for (const end of this.sorted(a, b)) {
      if (end === a)
        this.emitFor(a, { kind: 'link.added', clock: this.node(a).clock, node: a, peer: b })
      this.announceAcross(end, a, b)
    }
  }

  /**
   * A link between `a` and `b` came up at run time: `end` (one of them) announces its main chain's
   * tip to the other at its next free clock (spec: "Links coming up"), so a fork across a healed
   * partition resolves without waiting for another block. Every shard applies link commands, but
   * only the one that owns `end` steps it, so only that one queues its announcement. A node not
   * started announces nothing: it has no chain to offer until it starts.
   */
  private announceAcross(end: string, a: string, b: string): void {
    const node = this.node(end)
    if (node.started && this.owns(end)) node.announceTo(end === a ? b : a)
  }

  /** Unlinks a node from all its peers (a node API `peer/clear`). */
  clearPeers(id: string): void {
    for (const peer of [...this.links.of(this.node(id).index).keys()]) this.unlink(id, peer)
  }

  /** Unlinks two nodes (`peer/clear` naming one peer); unlinked nodes stay as they are. */
  removeLink(a: string, b: string): void {
    this.node(a)
    this.node(b)
    if (this.links.get(a, b)) this.unlink(a, b)
  }

  private unlink(id: string, peer: string): void {
    this.links.remove(this.links.get(id, peer) as Link)
    this.emitFor(id, { kind: 'link.removed', clock: this.node(id).clock, node: id, peer })
  }

  /** Whether the link changed (false: it was already up, or already cut). */
  private setLinkUp(a: string, b: string, up: boolean): boolean {
    this.node(a)
    this.node(b)
    const link = this.links.get(a, b)
    if (!link) throw new EngineError('unknown-link', `${a} and ${b} are not linked`)
    if (link.up === up) return false
    link.up = up
    const kind = up ? 'link.healed' : 'link.cut'
    this.emitFor(link.a, { kind, clock: this.node(link.a).clock, node: link.a, peer: link.b })
    return true
  }

  private sorted(a: string, b: string): [string, string] {
    return (this.index.get(a) ?? 0) <= (this.index.get(b) ?? 0) ? [a, b] : [b, a]
  }

  private send(
    from: number,
    to: string,
    payload: MessagePayload,
    sent: number,
    link: Link | undefined,
  ): void {
    const sender = (this.order[from] as SimNode).id
    if (this.sentCount[from] === 0 && !this.senders.includes(from)) this.senders.push(from)
    const id = (this.sentCount[from] as number) + 1
    this.sentCount[from] = id
    const ready = sent + (link ? link.latency : 0)
    const message = createMessage(payload, id, sender, to, sent, ready)
    const type = payload.type
    const subject = messageSubject(payload)
    this.emit({ kind: 'message.sent', clock: sent, node: sender, id, type, to, subject, ready })
    if (!link) return this.dropped(message, 'no-link', sent)
    if (!link.up) return this.dropped(message, 'link-cut', sent)
    const at = link.ia === from ? link.ib : link.ia
    if (!(this.order[at] as SimNode).started) this.dropped(message, 'not-started', sent)
    else if (this.owned[at] !== 1) this.outbox.push(message)
    else (this.order[at] as SimNode).deliver(message)
  }

  private dropped(message: Message, reason: DropReason, clock: number): void {
    this.emit({
      kind: 'message.dropped',
      clock,
      node: message.to,
      id: message.id,
      type: message.type,
      from: message.from,
      subject: messageSubject(message),
      reason,
    })
  }

  /** Numbers the event in place: every event is a fresh object made for this call. */
  private emit(event: EngineEvent): void {
    ;(event as { seq?: number }).seq = ++this.seq
    this.events.push(event as SequencedEvent)
  }

  /**
   * Commands that change every shard's copy (start, reset, links) are applied by all shards, but
   * only the shard that owns the node reports them.
   */
  private emitFor(node: string, event: EngineEvent): void {
    if (this.owns(node)) this.emit(event)
  }
}
