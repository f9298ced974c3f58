import { LabError } from '../../shared/errors'
import type { Command, CommandResult } from '../../core/commands'
import type { NetworkConfig } from '../../core/config'
import { EngineError } from '../../core/errors'
import { EventLog } from '../../core/event-log'
import type { Message } from '../../core/network/message'
import type { LinkSummary } from '../../core/snapshot-types'
import type { CheckpointState, NetworkState } from '../../core/resume'
import type { EventBatch, ShardCalls, ShardReply } from './shard-protocol'
import { briefAt, type ShippedBriefs } from './shipped-briefs'
import { startWorker } from '../workers/start-worker'
import { WorkerCallFailed, WorkerClient } from '../workers/worker-protocol'
import type { HostOptions, NetworkHost, NodeBrief, Query, QueryResult } from './network-host'

/** A shard worker failed: the run cannot go on, and every later call says so. */
export class WorkerFailedError extends LabError {
  override readonly name = 'WorkerFailedError'
  constructor(message: string) {
    super('worker-failed', message)
  }
}

/** Where the shard worker's code is; TypeScript sources are loaded through tsx. */
export interface WorkerEntry {
  readonly url: URL
}

/** The worker's TypeScript source, for tsx and vitest; the Electron build passes its bundle. */
export function sourceWorkerEntry(): WorkerEntry {
  return { url: new URL('./shard-worker.ts', import.meta.url) }
}

const REPLICATED: ReadonlySet<Command['type']> = new Set([
  'start',
  'reset',
  'restart',
  'cut-link',
  'heal-link',
  'add-link',
  'remove-link',
  'clear-peers',
  'set-auto-mine',
  'set-workload',
])

/**
 * Commands that leave every link as it was: links change only by the five commands that say so
 * (cut, heal, add, remove, clear a node's peers), never while clocks pass, and a reset or restart
 * keeps them (Network.reset). A list of what keeps them, so that a new command drops them.
 */
const LINKS_KEPT: ReadonlySet<Command['type']> = new Set([
  'start',
  'reset',
  'restart',
  'step',
  'step-node',
  'mine',
  'submit-tx',
  'set-auto-mine',
  'set-workload',
])

interface Shard {
  readonly worker: WorkerClient<ShardCalls>
  /** Its place among the shards, and the nodes it holds. */
  readonly index: number
  readonly nodes: readonly string[]
  inbound: Message[]
  /** The shard's answer to the last request: where its nodes are. Set by init. */
  last: ShardReply
  /** Its nodes in brief as of its last report (`status` needs no round trip), made when asked. */
  briefs: { readonly shipped: ShippedBriefs; made: NodeBrief[] | null } | null
}

/** The shard's nodes in brief, as its last report left them (made once a report). */
function briefsOf(shard: Shard): NodeBrief[] {
  const briefs = reported(shard)
  briefs.made ??= shard.nodes.map((_, i) => briefAt(shard.nodes, briefs.shipped, i))
  return briefs.made
}

/** The shard's last report of its nodes' briefs (init makes the first). */
function reported(shard: Shard): NonNullable<Shard['briefs']> {
  if (!shard.briefs) throw new Error(`shard ${shard.index + 1} has not reported yet`)
  return shard.briefs
}

const NOT_YET_INITIALISED: ShardReply = {
  result: null,
  batches: [],
  outbound: [],
  earliestSend: null,
  clock: 0,
  minClock: 0,
  started: false,
  briefs: null,
}

/**
 * Runs a network split across worker threads, one contiguous shard of nodes each. A network step
 * is a barrier: every shard processes its clocks, then the messages between shards are routed.
 * Shards run several clocks per exchange when no other shard can send to them before then
 * (conservative lookahead), so the results are exactly those of the in-process host, event order
 * included.
 */
export class WorkerHost implements NetworkHost {
  readonly mode = 'workers'
  private readonly owner = new Map<string, number>()
  /** Each node's place in its shard's nodes. */
  private readonly place = new Map<string, number>()
  private eventSeq = 0
  /**
   * The links as the last command that could change them left them. The lab asks for them after
   * every command (its overview); fetched from a shard each time, 40,000 links of a 10,000-node
   * network were cloned for every clock played.
   */
  private links: readonly LinkSummary[] | null = null
  /** Commands run that could change the links. */
  private linkChanges = 0
  private failure: WorkerFailedError | null = null

  private constructor(
    readonly config: NetworkConfig,
    private readonly shards: Shard[],
  ) {
    shards.forEach((shard, i) =>
      shard.nodes.forEach((id, at) => {
        this.owner.set(id, i)
        this.place.set(id, at)
      }),
    )
  }

  get workers(): number {
    return this.shards.length
  }

  static async create(
    config: NetworkConfig,
    workers: number,
    entry: WorkerEntry = sourceWorkerEntry(),
    state?: NetworkState,
    options: HostOptions = {},
  ): Promise<WorkerHost> {
    const count = Math.max(1, Math.min(workers, config.nodes.length))
    const size = Math.ceil(config.nodes.length / count)
    const shards: Shard[] = []
    // The host exists once every worker started; a worker that dies before that fails it then.
    let host: WorkerHost | null = null
    const early: { shard: Shard; cause: string }[] = []
    for (let i = 0; i < count; i++) {
      const nodes = config.nodes.slice(i * size, (i + 1) * size)
      if (nodes.length === 0) break
      const shard: Shard = {
        worker: new WorkerClient<ShardCalls>(startWorker(entry.url), (cause) =>
          host ? host.fail(shard, cause) : early.push({ shard, cause }),
        ),
        index: shards.length,
        nodes,
        inbound: [],
        last: NOT_YET_INITIALISED,
        briefs: null,
      }
      shards.push(shard)
    }
    host = new WorkerHost(config, shards)
    for (const { shard, cause } of early) host.fail(shard, cause)
    try {
      await Promise.all(
        shards.map((shard) =>
          host.send(shard, 'init', {
            config,
            owned: shard.nodes,
            ...(state ? { state } : {}),
            ...(options.events ? { events: options.events } : {}),
          }),
        ),
      )
    } catch (error) {
      await host.close()
      throw error
    }
    return host
  }

  async execute(command: Command): Promise<{ result: CommandResult; events: EventLog }> {
    if (!LINKS_KEPT.has(command.type)) {
      this.links = null
      this.linkChanges++
    }
    if (command.type === 'step') return { result: null, events: await this.step(command.clocks) }
    const targets = REPLICATED.has(command.type)
      ? this.shards
      : [this.shards[this.ownerOf(commandNode(command))] as Shard]
    const replies = await Promise.all(
      targets.map((shard) => this.send(shard, 'command', { command, inbound: this.take(shard) })),
    )
    return {
      result: replies[0]?.result as CommandResult,
      events: this.merge(replies),
    }
  }

  async query<Q extends Query>(query: Q): Promise<QueryResult<Q>> {
    const ask = async (shard: Shard) =>
      (await this.send(shard, 'query', { query, inbound: this.take(shard) })).result
    if (this.failure) throw this.failure
    switch (query.type) {
      case 'briefs':
        return this.shards.flatMap((shard) => briefsOf(shard)) as QueryResult<Q>
      case 'brief': {
        // One node's, made alone: a controller stepping nodes one at a time asks after each.
        const shard = this.shards[this.ownerOf(query.node)] as Shard
        const place = this.place.get(query.node) as number
        const made = shard.briefs?.made
        if (made) return made[place] as QueryResult<Q>
        return briefAt(shard.nodes, reported(shard).shipped, place) as QueryResult<Q>
      }
      case 'clock':
        return Math.max(...this.shards.map((s) => s.last.clock)) as QueryResult<Q>
      case 'links': {
        let links = this.links
        if (!links) {
          // Kept only if no command changed them while they were on their way.
          const changes = this.linkChanges
          links = (await ask(this.shards[0] as Shard)) as LinkSummary[]
          if (changes === this.linkChanges) this.links = links
        }
        // A list of its own, as the in-process host answers (the summaries are never changed).
        return links.slice() as QueryResult<Q>
      }
      case 'state': {
        const parts = (await Promise.all(this.shards.map(ask))) as NetworkState[]
        const merged: NetworkState = {
          ...mergeShards(parts),
          blocks: Object.assign({}, ...parts.map((p) => p.blocks)) as NetworkState['blocks'],
        }
        return merged as QueryResult<Q>
      }
      case 'checkpoint': {
        const parts = (await Promise.all(this.shards.map(ask))) as CheckpointState[]
        return mergeShards(parts) as QueryResult<Q>
      }
      default:
        return (await ask(this.shards[this.ownerOf(query.node)] as Shard)) as QueryResult<Q>
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.shards.map((shard) => shard.worker.terminate()))
  }

  private async step(clocks: number): Promise<EventLog> {
    if (!this.shards.every((s) => s.last.started))
      throw new EngineError('not-started', 'start the network first')
    const target = Math.max(...this.shards.map((s) => s.last.clock)) + clocks
    const start = Math.min(...this.shards.map((s) => s.last.minClock))
    const done = this.shards.map(() => start)
    const batches: EventBatch[][] = this.shards.map(() => [])
    const latency = this.config.latency
    while (done.some((d) => d < target)) {
      // When could each shard first send a message? Messages about to be delivered count as
      // work it must do; and any shard's message can wake another one clock and a link later.
      const own = this.shards.map((shard, i) => {
        let send = shard.last.earliestSend ?? Infinity
        for (const m of shard.inbound)
          send = Math.min(send, Math.max(m.ready, (done[i] as number) + 1))
        return send
      })
      const woken = own.map((send, i) =>
        Math.min(send, ...own.filter((_, j) => j !== i).map((other) => other + 1 + latency)),
      )
      // A message sent while processing clock τ is ready at τ + 1 + latency at the earliest, so
      // the other shards may process every clock up to τ + latency without waiting for it.
      const horizons = woken.map((send) => send + latency)
      const runs = this.shards.map((shard, i) => {
        const limit = Math.min(target, ...horizons.filter((_, j) => j !== i))
        const from = (done[i] as number) + 1
        if (limit < from) return null
        done[i] = limit
        const report = limit === target
        return this.send(shard, 'run', {
          from,
          to: limit,
          report,
          inbound: this.take(shard),
        })
      })
      const replies = await Promise.all(runs)
      replies.forEach((reply, i) => reply && (batches[i] as EventBatch[]).push(...reply.batches))
    }
    return this.mergeBatches(batches)
  }

  /** Events of replicated commands in shard order, which is node order: as in one thread. */
  private merge(replies: readonly ShardReply[]): EventLog {
    return this.mergeBatches(replies.map((r) => [...r.batches]))
  }

  /**
   * The shards' events as one log, ordered by the clock they were processed in, then by shard:
   * as in one thread. Node numbers are the network's own in every shard, so rows join as they are.
   */
  private mergeBatches(perShard: readonly (readonly EventBatch[])[]): EventLog {
    const ordered = perShard
      .flatMap((batches, shard) => batches.map((batch) => ({ shard, batch })))
      .sort((a, b) => (a.batch.tick ?? -1) - (b.batch.tick ?? -1) || a.shard - b.shard)
    const log = EventLog.joined(
      this.config.nodes,
      this.eventSeq + 1,
      ordered.map(({ batch }) => batch),
    )
    this.eventSeq += log.length
    return log
  }

  private ownerOf(node: string): number {
    const index = this.owner.get(node)
    if (index === undefined) throw new EngineError('unknown-node', `unknown node "${node}"`)
    return index
  }

  private take(shard: Shard): Message[] {
    const inbound = shard.inbound
    shard.inbound = []
    return inbound
  }

  private send<K extends keyof ShardCalls & string>(
    shard: Shard,
    call: K,
    input: ShardCalls[K]['input'],
  ): Promise<ShardReply> {
    if (this.failure) return Promise.reject(this.failure)
    return shard.worker.call(call, input).then(
      (reply) => {
        shard.last = reply
        if (reply.briefs) shard.briefs = { shipped: reply.briefs, made: null }
        for (const message of reply.outbound) {
          const target = this.shards[this.ownerOf(message.to)] as Shard
          target.inbound.push(message)
        }
        return reply
      },
      (error: unknown) => {
        // A refusal (the engine's) changed nothing; any other failure leaves the shard unsure.
        if (!(error instanceof WorkerCallFailed)) throw error
        this.fail(shard, `${error.message}${error.workerStack ? `\n${error.workerStack}` : ''}`)
        throw this.failure
      },
    )
  }

  /** One shard failed: the network cannot go on, and every call under way or later says so. */
  private fail(shard: Shard, detail: string): void {
    if (!this.failure) {
      console.error(`[workers] shard ${shard.index + 1} (${shard.nodes[0]}…) failed: ${detail}`)
      this.failure = new WorkerFailedError(
        `the worker hosting ${shard.nodes[0]}${shard.nodes.length > 1 ? `…${shard.nodes.at(-1)}` : ''} failed: ${detail.split('\n')[0]}`,
      )
    }
    for (const s of this.shards) s.worker.fail(this.failure)
  }
}

/** Joins the shards' states: links, started flags and counters are replicated, nodes are not. */
/** The shards' states as one: each holds its own nodes and their message counters. */
function mergeShards<S extends NetworkState | CheckpointState>(parts: readonly S[]): S {
  const [first] = parts
  if (!first) throw new Error('no shards')
  return {
    ...first,
    messageSeq: parts.flatMap((p) => p.messageSeq),
    nodes: parts.flatMap((p) => p.nodes),
  }
}

/** The node whose shard alone runs a command that is not replicated. */
function commandNode(command: Command): string {
  switch (command.type) {
    case 'mine':
    case 'submit-tx':
    case 'step-node':
      return command.node
    default:
      throw new Error(`${command.type} is not a single-shard command`)
  }
}
