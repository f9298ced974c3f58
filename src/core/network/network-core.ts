import { Attacker } from '../attack/attacker'
import type { Block } from '../chain/block'
import { createGenesisBlock } from '../chain/genesis'
import { createConfig, miningChances, type NetworkConfig, type NetworkConfigInput } from '../config'
import { mixSeed } from '../random'
import { EngineError } from '../errors'
import { EventFilter } from '../event-filter'
import { EventLog, roomAfter } from '../event-log'
import type { DropReason, EngineEvent, EngineEventKind, SequencedEvent } from '../events'
import { SimNode, type NodeContext } from '../node/sim-node'
import { parseTimestamp } from '../sim-time'
import type { Message, MessagePayload } from './message'
import { createMessage } from './message-records'
import { Deliveries } from './deliveries'
import type { CheckpointState, NetworkState } from './network-state'
import type { CheckpointMarks, Resumable } from '../resume'
import { LinkTable } from './links'
import type { LinkSummary, PeerView } from '../snapshot-types'
import { linkFromConfig } from './initial-links'

/**
 * The engine of a network: its nodes (named by index inside), the links between them, the clock
 * loop and the messages and events in flight. What controllers may ask of it is Network's part.
 */
export abstract class NetworkCore implements Resumable {
  readonly config: NetworkConfig
  readonly genesis: Block
  /** The nodes in node order; inside the engine a node is named by its index here. */
  protected readonly order: SimNode[] = []
  protected readonly index = new Map<string, number>()
  protected readonly links: LinkTable
  /** The events since the last drain; message events as columns (see EventLog). */
  private log: EventLog
  private readonly filter = new EventFilter()
  /** Messages sent, per sender by index, so ids are the same whichever thread a node runs in. */
  protected readonly sentCount: Float64Array
  /** Senders in the order they first sent: the order states list their counters in. */
  protected readonly senders: number[] = []
  private outbox: Message[] = []
  /** The messages in flight to the nodes this instance steps. */
  protected readonly deliveries: Deliveries
  /** 1 for the nodes started, by index: a broadcast reads this, not its receivers. */
  private readonly startedFlags: Uint8Array
  /** 1 for the nodes this instance steps (see the constructor), by index. */
  protected readonly owned: Uint8Array
  private readonly ownsAll: boolean
  private readonly allOwnedByDefault: boolean
  private readonly context: NodeContext

  /**
   * `owned` names the nodes this instance steps when the network is split across workers; the
   * others are stand-ins whose messages go to the outbox for another shard. Default: all.
   * `links`: 'none' leaves the network unlinked, for a restore whose links come from its state
   * (a random topology of 2,000 nodes took about as long to draw as the rest of a restore).
   */
  constructor(
    input: NetworkConfigInput | NetworkConfig = {},
    owned?: Iterable<string>,
    links: 'topology' | 'none' = 'topology',
  ) {
    this.config = createConfig(input)
    const count = this.config.nodes.length
    this.config.nodes.forEach((id, i) => this.index.set(id, i))
    const indexOf = (node: string): number => this.index.get(node) ?? -1
    const idOf = (index: number): string => this.config.nodes[index] as string
    this.links = new LinkTable(count, indexOf)
    this.deliveries = new Deliveries(count, idOf, this.links)
    this.startedFlags = new Uint8Array(count)
    this.sentCount = new Float64Array(count)
    this.owned = new Uint8Array(count).fill(owned ? 0 : 1)
    for (const id of owned ?? []) if (this.index.has(id)) this.owned[indexOf(id)] = 1
    this.ownsAll = this.owned.every((o) => o === 1)
    this.allOwnedByDefault = owned === undefined
    this.genesis = createGenesisBlock(this.config.genesis, this.config.epoch)
    this.log = new EventLog(this.config.nodes, 1)
    this.context = {
      difficulty: this.config.difficulty,
      epochMs: parseTimestamp(this.config.epoch) ?? 0,
      emit: (event) => this.emit(event),
      delivered: (clock, node, from, id, payload) =>
        this.log.delivered(clock, node, from, id, payload),
      status: (clock, node, status, previous) => this.log.status(clock, node, status, previous),
      dropped: (clock, node, from, id, payload, reason) =>
        this.log.dropped(clock, node, from, id, payload, reason),
      observed: this.filter,
      send: (from, to, payload, sent) => {
        // A scan of the sender's few peers, not a lookup in its map of links by name.
        const at = indexOf(to)
        const threes = this.links.adjacencyOf(from)
        const k = this.links.placeOf(from, at)
        if (k < 0) this.send(from, at, payload, sent, -1, 0)
        else this.send(from, at, payload, sent, threes[k + 1] as number, threes[k + 2] as number)
      },
      broadcast: (from, payload, sent) => {
        const threes = this.links.adjacencyOf(from)
        for (let k = 0; k < threes.length; k += 3)
          this.send(
            from,
            threes[k] as number,
            payload,
            sent,
            threes[k + 1] as number,
            threes[k + 2] as number,
          )
      },
      isLinkUp: (from, to) => this.links.between(to, from)?.up ?? false,
      indexOf,
      idOf,
      deliveries: this.deliveries,
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
    // A restore ('none') takes its links, an eclipse's cut ones too, from the state it resumes.
    if (links === 'topology') linkFromConfig(this.links, this.config)
    const attack = this.config.attack
    if (attack)
      for (const id of attack.attackers)
        (this.order[indexOf(id)] as SimNode).attacker = new Attacker(attack, id, this.context.emit)
  }

  /**
   * Makes only these kinds of events from now on (null: every kind, the default); the others
   * are never built. See EventFilter.
   */
  observe(kinds: Iterable<EngineEventKind> | null): void {
    this.filter.observe(kinds)
  }

  /** The kinds observed (null: all). */
  get observed(): readonly EngineEventKind[] | null {
    return this.filter.observed
  }

  /** The events since the last drain, in the order they happened, as objects. */
  drainEvents(): SequencedEvent[] {
    return this.drainLog().toArray()
  }

  /** How many events were logged since the last drain. */
  get logged(): number {
    return this.log.length
  }

  /** The events since the last drain, in the order they happened, as they are kept. */
  drainLog(): EventLog {
    const drained = this.log
    // A fresh log with room for as many rows as the last, up to 1,024 (see roomAfter): making
    // every log as big as the last busy one (a block crossing the network) zeroed megabytes at
    // every step, which cost more than growing the few that need it.
    this.log = new EventLog(this.config.nodes, drained.nextSeq, roomAfter(drained.length))
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
    const to = this.node(message.to).index
    const { id, sent, ready } = message
    const from = this.index.get(message.from) ?? -1
    this.deliveries.add(to, from, id, sent, ready, message, false)
  }

  /** Starts or stops a node (see startedFlags). */
  protected setStarted(node: SimNode, started: boolean): void {
    node.started = started
    this.startedFlags[node.index] = started ? 1 : 0
  }

  /** Whether this instance steps the node; an unknown name is owned when no shard was given. */
  owns(id: string): boolean {
    const i = this.index.get(id)
    return i === undefined ? this.allOwnedByDefault : this.owned[i] === 1
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

  /** The state for a checkpoint (see CheckpointState), block lists from the marks given. */
  exportCheckpoint(marks: CheckpointMarks = {}): CheckpointState {
    const nodes = this.ownedNodes().map((node) => node.exportCheckpoint(marks[node.id]))
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

  /** The nodes this instance steps, in the network's order (all of them unless it is a shard). */
  ownedNodes(): readonly SimNode[] {
    return this.ownsAll ? this.order : this.order.filter((n) => this.owned[n.index] === 1)
  }

  get isStarted(): boolean {
    return this.order.every((n) => n.started)
  }

  peersOf(id: string): PeerView[] {
    return this.links.peersOf(this.node(id).index)
  }

  allLinks(): LinkSummary[] {
    return this.links.list()
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

  protected sorted(a: string, b: string): [string, string] {
    return (this.index.get(a) ?? 0) <= (this.index.get(b) ?? 0) ? [a, b] : [b, a]
  }

  /**
   * Sends from the node at index `from` to the node at index `to`, over the link at `slot` (-1:
   * none) with its latency.
   */
  private send(
    from: number,
    to: number,
    payload: MessagePayload,
    sent: number,
    slot: number,
    latency: number,
  ): void {
    const links = this.links
    if (this.sentCount[from] === 0 && !this.senders.includes(from)) this.senders.push(from)
    const id = (this.sentCount[from] as number) + 1
    this.sentCount[from] = id
    const ready = sent + latency
    if (this.filter.sent) this.log.sent(sent, from, to, id, payload, ready)
    if (slot < 0) return this.droppedAt(payload, id, from, to, 'no-link', sent)
    if (!links.isUpAt(slot)) return this.droppedAt(payload, id, from, to, 'link-cut', sent)
    if (this.startedFlags[to] !== 1) this.droppedAt(payload, id, from, to, 'not-started', sent)
    else if (this.owned[to] === 1) this.deliveries.add(to, from, id, sent, ready, payload)
    else {
      const { nodes } = this.config
      const message = createMessage(
        payload,
        id,
        nodes[from] as string,
        nodes[to] as string,
        sent,
        ready,
      )
      this.outbox.push(message)
    }
  }

  private droppedAt(
    payload: MessagePayload,
    id: number,
    from: number,
    to: number,
    reason: DropReason,
    clock: number,
  ): void {
    if (this.filter.dropped) this.log.dropped(clock, to, from, id, payload, reason)
  }

  protected dropped(message: Message, reason: DropReason, clock: number): void {
    if (!this.filter.dropped) return
    const to = this.index.get(message.to) as number
    const from = this.index.get(message.from) as number
    this.log.dropped(clock, to, from, message.id, message, reason)
  }

  /** Numbers the event in place: every event is a fresh object made for this call. */
  protected emit(event: EngineEvent): void {
    if (this.filter.wants(event.kind)) this.log.push(event)
  }

  /**
   * Commands that change every shard's copy (start, reset, links) are applied by all shards, but
   * only the shard that owns the node reports them.
   */
  protected emitFor(node: string, event: EngineEvent): void {
    if (this.owns(node)) this.emit(event)
  }
}
