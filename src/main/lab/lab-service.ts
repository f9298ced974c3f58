import type { Command, CommandResult } from '../../core/commands'
import {
  createConfig,
  formatTopology,
  type NetworkConfig,
  type NetworkConfigInput,
} from '../../core/config'
import { EngineError } from '../../core/errors'
import type { EngineEventKind, SequencedEvent } from '../../core/events'
import type { EventLog } from '../../core/event-log'
import type { CommandOrigin, Dialect, NetworkInfo, TxResult } from '../../shared/api-types'
import { configFromSettings, workloadOf } from '../../shared/network-settings'
import { toNetworkTick, type NetworkTick } from '../../shared/network-tick'
import type { CreateNetworkInput } from '../../shared/schemas'
import { TX_REFUSAL_TEXT } from '../../core/chain/transaction'
import {
  marksOf,
  type CheckpointMarks,
  type CheckpointState,
  type NetworkState,
} from '../../core/resume'
import type { HostOptions, NetworkHost, NodeBrief, Query, QueryResult } from '../host/network-host'
import type { LinkSummary } from '../../core/snapshot-types'
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
  /** Its events as objects, made on first read (see log). */
  readonly events: readonly SequencedEvent[]
  /**
   * Its events as the network kept them: message events as columns, which a consumer that reads
   * only a few of their numbers (the recorder) reads without making any object.
   */
  readonly log?: EventLog
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

export type HostFactory = (
  config: NetworkConfig,
  state?: NetworkState,
  options?: HostOptions,
) => Promise<NetworkHost>

export interface LabServiceOptions {
  readonly createHost: HostFactory
  readonly dialect?: Dialect
  /** The port of a node's API server, or null when it has none. */
  readonly portOf?: (node: string) => number | null
  /**
   * Only these kinds of events are made (default: all). For a service whose every consumer is
   * known, such as an unrecorded experiment's metrics; never for a lab whose runs are recorded.
   */
  readonly events?: readonly EngineEventKind[]
}

/**
 * The one service behind every adapter: node API, lab API, IPC and scenarios all call it. It owns
 * the network host, applies commands one at a time and publishes what happened.
 */
function hostOptions(options: LabServiceOptions): HostOptions {
  return options.events ? { events: options.events } : {}
}

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
  /**
   * Whether anything but idle clocks passed since the last checkpoint (or since a listener that
   * wants checkpoints came): a state only idle clocks away from a checkpoint is no new one.
   */
  private changedSinceCheckpoint = true
  /** Where the last checkpoint left each node's block list: the next lists only what follows. */
  private checkpointMarks: CheckpointMarks = {}
  /** The automatic miner and workload as last set (the config holds only how they started). */
  private autoMine: number | null
  private workload: number | null
  /**
   * The overview as the last command left it, built once however many ask (the step's answer, the
   * pushed tick): building it asks every node, across the workers. Null once anything changed.
   */
  private overview: Overview | null = null
  /** The seq of the last engine event a command made (NetworkTick's `eventSeq`). */
  private eventSeq = 0

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
    return new LabService(
      await options.createHost(createConfig(config), undefined, hostOptions(options)),
      options,
    )
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
    this.changedSinceCheckpoint = true
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
    return this.queue.run(() => this.apply(command, origin))
  }

  /**
   * Executes a command and answers the network as that command left it: of two steps sent at
   * once, each answer reports the clock its own step reached, not the other's.
   */
  executeThenInfo(command: Command, origin: CommandOrigin): Promise<NetworkInfo> {
    return this.queue.run(async () => {
      await this.apply(command, origin)
      return (await this.currentOverview()).info
    })
  }

  /** One command, applied, recorded and published (run inside the queue). */
  private async apply(command: Command, origin: CommandOrigin): Promise<CommandResult> {
    this.overview = null
    const clock = await this.networkClock()
    const { result, events: log } = await this.host.execute(command)
    if (log.length > 0) this.eventSeq = log.nextSeq - 1
    if (command.type === 'set-auto-mine') this.autoMine = command.interval
    if (command.type === 'set-workload') this.workload = command.rate
    const clockAfter = await this.networkClock()
    if (command.type !== 'step' || log.length > 0) this.changedSinceCheckpoint = true
    const every = this.checkpointEvery()
    let checkpoint: CheckpointState | undefined
    if (every > 0 && clockAfter - this.lastCheckpoint >= every) {
      // After nothing but idle clocks the last checkpoint still serves: a replay from it steps
      // them at no cost (the engine skips idle clocks), so none is taken and the schedule starts
      // again from here. A slow run of 1,000 nodes (a block in 600 clocks) skips a third.
      if (this.changedSinceCheckpoint) {
        checkpoint = await this.host.query({ type: 'checkpoint', since: this.checkpointMarks })
        this.checkpointMarks = marksOf(checkpoint)
        this.changedSinceCheckpoint = false
      }
      this.lastCheckpoint = clockAfter
    }
    const record: CommandRecord = {
      command,
      origin,
      clock,
      clockAfter,
      result,
      log,
      get events() {
        return log.toArray()
      },
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
    // Made into objects only for a subscriber (the UI, the event stream).
    if (log.length > 0 && this.bus.hasListeners('engine')) this.bus.emit('engine', record.events)
    // The compact overview, not the whole one: what a command changes is the nodes' state and
    // the links' (the whole one is pushed when a new network replaces this one).
    if (this.bus.hasListeners('network-tick'))
      this.bus.emit('network-tick', (await this.currentOverview()).tick)
    return result
  }

  query<Q extends Query>(query: Q): Promise<QueryResult<Q>> {
    return this.queue.run(() => this.host.query(query))
  }

  info(): Promise<NetworkInfo> {
    return this.queue.run(async () => (await this.currentOverview()).info)
  }

  /** The overview in its compact form (what a step's answer carries to the UI). */
  tick(): Promise<NetworkTick> {
    return this.queue.run(async () => (await this.currentOverview()).tick)
  }

  /**
   * The overview's parts, fetched once after a command; the whole overview and its tick are each
   * made from them when first asked. Playing asks only for ticks, and at 10,000 nodes making the
   * whole overview (every node's summary, with its port) for each was most of a clock's cost.
   */
  private async currentOverview(): Promise<{ info: NetworkInfo; tick: NetworkTick }> {
    const overview = (this.overview ??= await this.fetchOverview())
    return {
      get info() {
        return (overview.info ??= overview.makeInfo())
      },
      get tick() {
        return (overview.tick ??= toNetworkTick({
          clock: overview.clock,
          started: overview.started,
          autoMine: overview.autoMine,
          workload: overview.workload,
          nodes: overview.briefs,
          links: overview.links,
          eventSeq: overview.eventSeq,
        }))
      },
    }
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
    const { dialect, ...settings } = input
    // Unless the input says otherwise, the new network runs its miners and workload as the
    // current one runs them now (switches included), not as it was created.
    const config = configFromSettings(settings, this.runningConfig())
    return this.replaceNetwork({ config, dialect: dialect ?? this.dialect })
  }

  /**
   * A reset of the whole network, as the UI, the lab API and a scenario ask for it: it begins a
   * new run, so that no replay mixes two histories at the clocks they share. The new network has
   * the same settings and seed (so its miners and workload draw the same sequence again from
   * clock 0), and is started and partitioned as the old one was, each step recorded in the new
   * run under `origin`.
   */
  async resetNetwork(origin: CommandOrigin): Promise<NetworkInfo> {
    const before = await this.info()
    await this.replaceNetwork({ config: this.runningConfig(), dialect: this.dialect })
    if (before.started) await this.execute({ type: 'start' }, origin)
    for (const { a, b, up } of before.links)
      if (!up) await this.execute({ type: 'cut-link', a, b }, origin)
    return this.info()
  }

  /**
   * The current network's config with its miners and workload as they run now (the switches
   * included), not as it was created; the workload keeps its value range, which the switches
   * cannot set.
   */
  private runningConfig(): NetworkConfig {
    const current = this.host.config
    const running = workloadOf(this.workload)
    return {
      ...current,
      autoMine:
        this.autoMine === null
          ? null
          : { interval: this.autoMine, hashPower: current.autoMine?.hashPower ?? null },
      workload: running && current.workload ? { ...current.workload, rate: running.rate } : running,
    }
  }

  /** Replaces the network: a new one, or one resumed from a state (a branch of a saved run). */
  replaceNetwork(start: NetworkStart): Promise<NetworkInfo> {
    return this.queue.run(async () => {
      this.overview = null
      const undo: (() => Promise<void>)[] = []
      let next: NetworkHost
      try {
        for (const prepare of this.preparers) undo.push(await prepare(start.config))
        next = await this.options.createHost(start.config, start.state, hostOptions(this.options))
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
      this.eventSeq = 0
      this.checkpointMarks = {}
      this.changedSinceCheckpoint = true
      // The new network runs now: a listener that fails (the recorder cannot start a run) is
      // told about, but neither undoes that nor keeps the others from hearing of it.
      for (const listener of this.networkListeners)
        await Promise.resolve()
          .then(() => listener(start))
          .catch((error: unknown) => console.error('[lab] a network listener failed:', error))
      this.overview = null
      const { info } = await this.currentOverview()
      this.bus.emit('network', info)
      return info
    })
  }

  /**
   * Stops the network once the commands queued have run; `now`: at once, ending the host (its
   * worker threads) under a command still running, which then fails (a SIGTERM during a long
   * step in a worker host must not wait for the step).
   */
  close(options: { now?: boolean } = {}): Promise<void> {
    if (options.now) return this.host.close()
    return this.queue.run(() => this.host.close())
  }

  private networkClock(): Promise<number> {
    return this.host.query({ type: 'clock' })
  }

  private async fetchOverview(): Promise<Overview> {
    const [briefs, links] = await Promise.all([
      this.host.query({ type: 'briefs' }),
      this.host.query({ type: 'links' }),
    ])
    const parts: OverviewParts = {
      briefs,
      links,
      clock: briefs.reduce((max, b) => Math.max(max, b.clock), 0),
      started: briefs.every((b) => b.started),
      autoMine: this.autoMine,
      workload: this.workload,
      // Taken now, with the rest: the whole overview is made later, when first asked.
      config: this.host.config,
      dialect: this.dialect,
      hosting: { mode: this.host.mode, workers: this.host.workers },
      eventSeq: this.eventSeq,
    }
    return { ...parts, makeInfo: () => this.infoOf(parts) }
  }

  private infoOf(parts: OverviewParts): NetworkInfo {
    const { briefs, links, clock, started, autoMine, workload, config, dialect, hosting } = parts
    return {
      clock,
      started,
      dialect,
      topology: formatTopology(config.topology),
      seed: config.seed,
      difficulty: config.difficulty,
      latency: config.latency,
      autoMine,
      workload,
      genesis: config.genesis,
      accounts: config.genesis.map((g) => g.recipient),
      nodes: briefs.map((b) => ({
        ...b,
        port: this.options.portOf?.(b.id) ?? null,
        ...(config.attack?.attackers.includes(b.id) ? { strategy: config.attack.kind } : {}),
      })),
      links,
      attack: config.attack ?? null,
      hosting,
    }
  }
}

/** What the overview after a command is made of: the nodes in brief, the links, the switches. */
interface OverviewParts {
  readonly briefs: readonly NodeBrief[]
  readonly links: readonly LinkSummary[]
  readonly clock: number
  readonly started: boolean
  readonly autoMine: number | null
  readonly workload: number | null
  readonly config: NetworkConfig
  readonly dialect: Dialect
  readonly hosting: NetworkInfo['hosting']
  readonly eventSeq: number
}

/** The overview after a command: its parts, and the whole and compact forms once made. */
interface Overview extends OverviewParts {
  readonly makeInfo: () => NetworkInfo
  info?: NetworkInfo
  tick?: NetworkTick
}
