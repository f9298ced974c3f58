import type { Command, CommandResult } from '../../core/commands'
import {
  createConfig,
  formatTopology,
  parseTopology,
  type NetworkConfig,
  type NetworkConfigInput,
} from '../../core/config'
import { EngineError } from '../../core/errors'
import type { SequencedEvent } from '../../core/events'
import type { CommandOrigin, Dialect, NetworkInfo, TxResult } from '../../shared/api-types'
import { workloadOf } from '../../shared/network-settings'
import type { CreateNetworkInput } from '../../shared/schemas'
import { TX_REFUSAL_TEXT } from '../../core/chain/transaction'
import type { BlocksMark, CheckpointState, NetworkState } from '../../core/network/network-state'
import type { NetworkHost, Query, QueryResult } from '../host/network-host'
import { EventBus } from './event-bus'
import { SerialQueue } from './serial-queue'

/** A command as it took effect: what the recorder stores and a replay re-applies. */
export interface CommandRecord {
  readonly command: Command
  readonly origin: CommandOrigin
  /** The network clock when the command took effect, and after it. */
  readonly clock: number
  readonly clockAfter: number
  readonly result: CommandResult
  readonly events: readonly SequencedEvent[]
  /** The whole network state after the command, when a checkpoint was due. */
  readonly checkpoint?: CheckpointState
}

/** Readies the main side for a new network; answers how to undo that. */
export type NetworkPreparer = (config: NetworkConfig) => Promise<() => Promise<void>>

/** Hears every command that took effect; a promise it answers holds the next command back. */
export type CommandListener = (record: CommandRecord) => Promise<void> | void

/** A network starting: a new one, or a branch resumed from a saved run's state. */
export interface NetworkStart {
  readonly config: NetworkConfig
  readonly dialect: Dialect
  readonly state?: NetworkState
  readonly branchOf?: { readonly runId: number; readonly clock: number }
}

export type HostFactory = (config: NetworkConfig, state?: NetworkState) => Promise<NetworkHost>

export interface LabServiceOptions {
  readonly createHost: HostFactory
  readonly dialect?: Dialect
  /** The port of a node's API server, or null when it has none. */
  readonly portOf?: (node: string) => number | null
}

/**
 * The one service behind every adapter: node API, lab API, IPC and scenarios all call it. It owns
 * the network host, applies commands one at a time and publishes what happened.
 */
export class LabService {
  readonly bus = new EventBus()
  private readonly queue = new SerialQueue()
  /** Each listener, and how often it wants the whole state with a command (0: never). */
  private readonly commandListeners = new Map<CommandListener, number>()
  private readonly networkListeners = new Set<(start: NetworkStart) => Promise<void> | void>()
  private readonly preparers = new Set<NetworkPreparer>()
  private host: NetworkHost
  private dialect: Dialect
  private lastCheckpoint = 0
  /** Where the last checkpoint left each node's block list: the next lists only what follows. */
  private checkpointMarks: Record<string, BlocksMark> = {}
  /** The automatic miner and workload as last set (the config holds only how they started). */
  private autoMine: number | null
  private workload: number | null

  private constructor(
    host: NetworkHost,
    private readonly options: LabServiceOptions,
  ) {
    this.host = host
    this.dialect = options.dialect ?? 'readme'
    this.autoMine = host.config.autoMine?.interval ?? null
    this.workload = host.config.workload?.rate ?? null
  }

  static async create(config: NetworkConfigInput, options: LabServiceOptions): Promise<LabService> {
    return new LabService(await options.createHost(createConfig(config)), options)
  }

  get config(): NetworkConfig {
    return this.host.config
  }

  get currentDialect(): Dialect {
    return this.dialect
  }

  /**
   * Called with every command that took effect, in order (the recorder listens here). A listener
   * that keeps checkpoints says how often, in clocks (its own schedule); the record then carries
   * the whole network state whenever that many clocks have passed since the last one.
   */
  onCommand(listener: CommandListener, options: { checkpointEvery?: number } = {}): () => void {
    this.commandListeners.set(listener, options.checkpointEvery ?? 0)
    // A new listener has seen no checkpoint yet: the next one lists every block again.
    this.checkpointMarks = {}
    return () => this.commandListeners.delete(listener)
  }

  /** The most frequent checkpoint schedule among the listeners, in clocks (0: none wants one). */
  private checkpointEvery(): number {
    let every = 0
    for (const wanted of this.commandListeners.values())
      if (wanted > 0 && (every === 0 || wanted < every)) every = wanted
    return every
  }

  /**
   * Called before a new network replaces the old one; a listener that throws stops the
   * replacement and the old network goes on (the node servers bind new ports here). What it
   * answers undoes it, should the new network then fail to start.
   */
  beforeNetworkCreated(listener: NetworkPreparer): () => void {
    this.preparers.add(listener)
    return () => this.preparers.delete(listener)
  }

  /** Called after a new network replaced the old one (node servers rebind, the recorder starts a run). */
  onNetworkCreated(listener: (start: NetworkStart) => Promise<void> | void): () => void {
    this.networkListeners.add(listener)
    return () => this.networkListeners.delete(listener)
  }

  execute(command: Command, origin: CommandOrigin): Promise<CommandResult> {
    return this.queue.run(async () => (await this.apply(command, origin)).result)
  }

  /**
   * Executes a command and answers the network as that command left it: of two steps sent at
   * once, each answer reports the clock its own step reached, not the other's.
   */
  executeThenInfo(command: Command, origin: CommandOrigin): Promise<NetworkInfo> {
    return this.queue.run(async () => {
      const { info } = await this.apply(command, origin)
      return info ?? this.buildInfo()
    })
  }

  /** One command, applied, recorded and published (run inside the queue). */
  private async apply(
    command: Command,
    origin: CommandOrigin,
  ): Promise<{ result: CommandResult; info?: NetworkInfo }> {
    const clock = await this.networkClock()
    const { result, events } = await this.host.execute(command)
    if (command.type === 'set-auto-mine') this.autoMine = command.interval
    if (command.type === 'set-workload') this.workload = command.rate
    const clockAfter = await this.networkClock()
    const every = this.checkpointEvery()
    let checkpoint: CheckpointState | undefined
    if (every > 0 && clockAfter - this.lastCheckpoint >= every) {
      checkpoint = await this.host.query({ type: 'checkpoint', since: this.checkpointMarks })
      this.lastCheckpoint = clockAfter
      this.checkpointMarks = Object.fromEntries(
        checkpoint.nodes.map((n) => [
          n.id,
          { tree: n.tree, count: n.blocksFrom + n.blocks.length },
        ]),
      )
    }
    const record: CommandRecord = {
      command,
      origin,
      clock,
      clockAfter,
      result,
      events,
      ...(checkpoint ? { checkpoint } : {}),
    }
    const waits: Promise<void>[] = []
    for (const listener of this.commandListeners.keys()) {
      try {
        const wait = listener(record)
        if (wait) waits.push(wait)
      } catch (error) {
        // The command took effect: a failing listener (the recorder) must not turn that into
        // an error for the caller, nor keep the others from hearing of it.
        console.error('[lab] a command listener failed:', error)
      }
    }
    // A listener that cannot keep up (the recorder's writer, far behind) holds the next
    // command back until it can: the one place the simulation waits for the disk.
    if (waits.length > 0)
      await Promise.all(
        waits.map((wait) =>
          wait.catch((error: unknown) => console.error('[lab] a command listener failed:', error)),
        ),
      )
    if (events.length > 0) this.bus.emit('engine', events)
    if (!this.bus.hasListeners('network')) return { result }
    const info = await this.buildInfo()
    this.bus.emit('network', info)
    return { result, info }
  }

  query<Q extends Query>(query: Q): Promise<QueryResult<Q>> {
    return this.queue.run(() => this.host.query(query))
  }

  info(): Promise<NetworkInfo> {
    return this.queue.run(() => this.buildInfo())
  }

  /** A controller's transfer, answered in the API's shape. */
  async sendTransaction(
    node: string,
    tx: { sender: string; recipient: string; value: number },
    origin: CommandOrigin,
  ): Promise<TxResult> {
    const result = await this.execute({ type: 'submit-tx', node, tx }, origin)
    if (!result) throw new EngineError('invalid-argument', 'no result for a transaction')
    return result.ok
      ? { result: 'success', tx: result.tx }
      : { result: 'fail', code: result.reason, reason: TX_REFUSAL_TEXT[result.reason] }
  }

  /** Replaces the network with a new one built from `input` (defaults from the current one). */
  createNetwork(input: CreateNetworkInput): Promise<NetworkInfo> {
    const current = this.host.config
    const config = createConfig({
      nodes: input.nodes ?? current.nodes.length,
      topology: input.topology ? parseTopology(input.topology) : current.topology,
      seed: input.seed ?? current.seed,
      difficulty: input.difficulty ?? current.difficulty,
      latency: input.latency ?? current.latency,
      latencySpread: input.latencySpread ?? current.latencySpread,
      genesis: input.genesis ?? current.genesis,
      // Unless the input says otherwise, the new network runs its miners and workload as the
      // current one runs them now (switches included), not as it was created.
      autoMine: autoMineFor(input, this.autoMine, current),
      workload: workloadOf(input.txRate === undefined ? this.workload : input.txRate),
      epoch: current.epoch,
    })
    return this.replaceNetwork({ config, dialect: input.dialect ?? this.dialect })
  }

  /** Replaces the network: a new one, or one resumed from a state (a branch of a saved run). */
  replaceNetwork(start: NetworkStart): Promise<NetworkInfo> {
    return this.queue.run(async () => {
      const undo: (() => Promise<void>)[] = []
      let next: NetworkHost
      try {
        for (const prepare of this.preparers) undo.push(await prepare(start.config))
        next = await this.options.createHost(start.config, start.state)
      } catch (error) {
        for (const step of undo.reverse()) await step()
        throw error
      }
      await this.host.close()
      this.host = next
      this.dialect = start.dialect
      this.autoMine = start.config.autoMine?.interval ?? null
      this.workload = start.config.workload?.rate ?? null
      this.lastCheckpoint = await this.networkClock()
      this.checkpointMarks = {}
      // The new network runs now: a listener that fails (the recorder cannot start a run) is
      // told about, but neither undoes that nor keeps the others from hearing of it.
      for (const listener of this.networkListeners)
        await Promise.resolve()
          .then(() => listener(start))
          .catch((error: unknown) => console.error('[lab] a network listener failed:', error))
      const info = await this.buildInfo()
      this.bus.emit('network', info)
      return info
    })
  }

  close(): Promise<void> {
    return this.queue.run(() => this.host.close())
  }

  private networkClock(): Promise<number> {
    return this.host.query({ type: 'clock' })
  }

  private async buildInfo(): Promise<NetworkInfo> {
    const [briefs, links] = await Promise.all([
      this.host.query({ type: 'briefs' }),
      this.host.query({ type: 'links' }),
    ])
    const { config } = this.host
    return {
      clock: briefs.reduce((max, b) => Math.max(max, b.clock), 0),
      started: briefs.every((b) => b.started),
      dialect: this.dialect,
      topology: formatTopology(config.topology),
      seed: config.seed,
      difficulty: config.difficulty,
      latency: config.latency,
      autoMine: this.autoMine,
      workload: this.workload,
      genesis: config.genesis,
      accounts: config.genesis.map((g) => g.recipient),
      nodes: briefs.map((b) => ({ ...b, port: this.options.portOf?.(b.id) ?? null })),
      links,
      hosting: { mode: this.host.mode, workers: this.host.workers },
    }
  }
}

function autoMineFor(
  input: CreateNetworkInput,
  running: number | null,
  current: NetworkConfig,
): NetworkConfig['autoMine'] {
  const interval = input.interval === undefined ? running : input.interval
  if (interval === null) return null
  const nodes = input.nodes ?? current.nodes.length
  const kept = current.autoMine?.hashPower
  const hashPower = input.hashPower ?? (kept && kept.length === nodes ? kept : null)
  return { interval, hashPower }
}
