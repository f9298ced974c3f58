import type { ChainEntry } from '../chain/block-tree'
import type { Block } from '../chain/block'
import type { TransferRequest } from '../chain/transaction'
import type { SubmitResult } from '../command-types'
import { miningChances, type NetworkConfig } from '../config'
import { EngineError } from '../errors'
import type { SimNode } from '../node/sim-node'
import type { Link } from './links'
import { NetworkCore } from './network-core'
import type { NetworkState } from './network-state'
import type { ResumeOptions } from '../resume'

/**
 * A whole simulated network: its nodes, the links between them and the messages in flight. Pure:
 * no I/O, no wall clock, no Math.random; the same config and calls give the same events.
 */
export class Network extends NetworkCore {
  /** A network resumed from a saved state (see core/resume.ts). */
  static fromState(
    config: NetworkConfig,
    state: NetworkState,
    { owned, held }: ResumeOptions = {},
  ): Network {
    // Unlinked at first: the state's links are the network's, whatever the config's topology drew.
    const network = new Network(config, owned, 'none')
    for (const link of state.links)
      network.links.setUp(network.links.add(link.a, link.b, link.latency), link.up)
    const started = new Set(state.started)
    for (const node of network.order) network.setStarted(node, started.has(node.id))
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
          .importState(nodeState, held ? { block, held: held(nodeState.id) } : { block, shared })
    return network
  }

  /** Activates nodes (all when none is named); starting a started node changes nothing. */
  start(id?: string): void {
    for (const node of id ? [this.node(id)] : this.order) {
      if (node.started) continue
      this.setStarted(node, true)
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
    this.setStarted(node, true)
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
    // Clocks at which the node has nothing due are passed at once, as a network step passes them.
    while (node.clock < clock) {
      const due = node.nextDue()
      if (due > node.clock + 1) node.idleTo(Math.min(due - 1, clock))
      else node.finish(node.clock + 1)
    }
  }

  /**
   * Steps every node together by `clocks`: to the furthest node's clock plus `clocks`, with nodes
   * that lag behind catching up first.
   */
  step(clocks: number): void {
    if (!this.isStarted) throw new EngineError('not-started', 'start the network first')
    const target = this.clock + clocks
    for (let t = this.minClock; t < target; t++) {
      t = this.skipIdle(t, target)
      if (t < target) this.tick(t + 1)
    }
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
    this.links.setUp(link, up)
    const kind = up ? 'link.healed' : 'link.cut'
    this.emitFor(link.a, { kind, clock: this.node(link.a).clock, node: link.a, peer: link.b })
    return true
  }
}
