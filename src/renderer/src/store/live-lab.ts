import type { ApiCall, NetworkInfo, SequencedEvent } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'
import { applyNetworkTick, type NetworkTick } from '../../../shared/network-tick'
import { NetworkTreeBuilder } from '../chain/network-tree'
import { logKindOf } from '../events/log-entries'
import { SeriesBuilder } from './series'

const API_LOG_LENGTH = 200
/**
 * Clocks of history the live series keeps (the charts show the last 200): older ones are let go
 * every so often, so a network that plays for hours costs each frame what it cost at first.
 */
const KEEP_CLOCKS = 1_000
/** The event log keeps this many entries; the oldest go first (a saved run keeps them all). */
export const EVENT_LOG_LENGTH = 200_000

/**
 * The live network as the UI sees it: the overview, chart series built from the event stream,
 * the messages of the latest clock and the API log. Pushed updates are queued and applied at
 * most once per animation frame (about 60 a second), however fast the network runs.
 */
export class LiveLab {
  network: NetworkInfo | null = null
  series: SeriesBuilder = new SeriesBuilder([])
  /** Messages sent in the latest clock, for drawing them on the links. */
  latestMessages: SequencedEvent[] = []
  apiLog: ApiCall[] = []
  /** The event log's entries, oldest first: grown in place, so watch `logVersion`. */
  log: SequencedEvent[] = []
  /** Moves when the log changes (most clocks add nothing to it), unlike `version`. */
  logVersion = 0
  /** The latest reorganisation, for the notice on the live view. */
  lastReorg: SequencedEvent | null = null
  /** Every block any node knows, merged, with when each node accepted it. */
  tree = new NetworkTreeBuilder()
  /** The nodes' names, in the overview's order: a new array only when the nodes change. */
  nodeIds: readonly string[] = []
  /** Each node's tip: the same object while no node's tip moves (most clocks). */
  tips: Readonly<Record<string, string>> = {}
  private tipCount = 0
  version = 0
  private readonly listeners = new Set<() => void>()
  private queuedEvents: SequencedEvent[] = []
  private queuedNetwork: NetworkInfo | null = null
  /** The latest compact overview since the whole one queued (each tick holds all it says). */
  private queuedTick: NetworkTick | null = null
  private queuedCalls: ApiCall[] = []
  private scheduled = false
  /** Whether a chart redraws in the frame of this time: the update then waits a frame. */
  private chartTakes: ((at: number) => boolean) | null = null
  /** The update waited a frame already: it waits no longer. */
  private waited = false
  private readonly unsubscribe: (() => void)[] = []

  constructor(private readonly client: LabClient) {}

  /** Loads the overview and starts listening; returns the function that stops. */
  start(): () => void {
    void this.client.getNetwork({}).then((info) => this.replace(info))
    this.unsubscribe.push(
      this.client.subscribe('engine', (events) =>
        // A loop, not push(...events): a big step's batch exceeds the argument limit.
        this.queue(() => {
          for (const event of events) this.queuedEvents.push(event)
        }),
      ),
      this.client.subscribe('network', (info) => this.queue(() => this.queueNetwork(info))),
      this.client.subscribe('network-tick', (tick) => this.acceptTick(tick)),
      this.client.subscribe('api-call', (call) => this.queue(() => this.queuedCalls.push(call))),
    )
    return () => this.unsubscribe.splice(0).forEach((off) => off())
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getVersion = (): number => this.version

  /** Applies a network answer right away (after a command), ahead of the pushed one. */
  accept(info: NetworkInfo): void {
    this.queue(() => this.queueNetwork(info))
  }

  /**
   * Applies a compact overview (a step's answer, or pushed after a command) on the next frame, or
   * at once with `now` (a person's Step: a frame sooner on screen; a playing clock waits for the
   * frame, so that many answers a frame cost one render).
   */
  acceptTick(tick: NetworkTick, now = false): void {
    this.queue(() => {
      // A step's answer may come after the tick pushed for a later command: never go back.
      const latest = this.queuedTick?.clock ?? this.queuedNetwork?.clock ?? this.network?.clock
      if (latest === undefined || tick.clock >= latest) this.queuedTick = tick
    })
    if (now) this.flush()
  }

  private queueNetwork(info: NetworkInfo): void {
    this.queuedNetwork = info
    this.queuedTick = null
  }

  /** Empties the event log: a new run began (a reset), whose history is its own. */
  clearLog(): void {
    this.log = []
    this.logVersion++
    this.lastReorg = null
    this.tree = new NetworkTreeBuilder()
    this.changed()
  }

  private replace(info: NetworkInfo): void {
    this.network = info
    this.nodeIds = info.nodes.map((n) => n.id)
    this.keepTips(info)
    this.log = []
    this.logVersion++
    this.lastReorg = null
    this.tree = new NetworkTreeBuilder()
    // Seeded with where each node is now: a page opened (or a network shown) mid-run charts
    // the nodes' heights and pools from here, not zero until each node's next block.
    this.series = new SeriesBuilder(
      info.nodes.map((n) => n.id),
      {
        clock: info.clock,
        nodes: info.nodes.map((n) => ({
          id: n.id,
          height: n.height,
          pool: n.pool,
          status: n.status,
        })),
      },
    )
    this.series.advance(info.clock)
    this.latestMessages = []
    this.changed()
  }

  /**
   * Leaves the frames a chart redraws in to the chart (see FramePacer.takes): the update waits
   * for the next frame, never two in a row. At 1,000 clocks/s there is an update every frame,
   * and a frame that carried a chart's redraw too ran past its time: one frame dropped per
   * redraw. `null` stops.
   */
  shareFrames(chartTakes: ((at: number) => boolean) | null): void {
    this.chartTakes = chartTakes
  }

  private queue(add: () => void): void {
    add()
    if (this.scheduled) return
    this.scheduled = true
    const frame =
      typeof requestAnimationFrame === 'function'
        ? requestAnimationFrame
        : (f: (at?: number) => void) => setTimeout(f, 16)
    const inFrame = (at?: number) => {
      // Already applied at once (acceptTick's `now`): nothing is waiting.
      if (!this.scheduled) return
      if (at !== undefined && !this.waited && this.chartTakes?.(at)) {
        this.waited = true
        frame(inFrame)
        return
      }
      this.flush()
    }
    frame(inFrame)
  }

  private flush(): void {
    this.scheduled = false
    this.waited = false
    const events = this.queuedEvents
    const calls = this.queuedCalls
    const whole = this.queuedNetwork
    const tick = this.queuedTick
    this.queuedEvents = []
    this.queuedNetwork = null
    this.queuedTick = null
    this.queuedCalls = []
    let info = whole
    if (tick) {
      const base = whole ?? this.network
      info = base && applyNetworkTick(base, tick)
      // A tick of a network this page has not seen whole: ask for the whole overview.
      if (!info) void this.client.getNetwork({}).then((fresh) => this.accept(fresh))
    }
    // Other nodes, or a clock gone back (a reset, a branch: a new run): a history of its own.
    // A tick keeps the nodes of the overview it was applied to: only a whole one can change them.
    const nodesChanged =
      info &&
      whole &&
      (!this.network ||
        whole.clock < this.network.clock ||
        whole.nodes.map((n) => n.id).join() !== this.network.nodes.map((n) => n.id).join())
    if (info && nodesChanged) this.replace(info)
    else if (info) this.network = info
    if (info) this.keepTips(info)
    if (events.length > 0) {
      this.series.apply(events)
      let latest = 0
      for (const event of events) if (event.clock > latest) latest = event.clock
      this.latestMessages = events.filter((e) => e.kind === 'message.sent' && e.clock === latest)
      this.tree.apply(events)
      for (const event of events) {
        if (logKindOf(event) === null) continue
        this.log.push(event)
        this.logVersion++
        if (event.kind === 'chain.reorg') this.lastReorg = event
      }
      if (this.log.length > EVENT_LOG_LENGTH)
        this.log = this.log.slice(this.log.length - EVENT_LOG_LENGTH)
    }
    if (info) {
      if (info.clock - this.series.forgotten >= 2 * KEEP_CLOCKS)
        this.series.forgetBefore(info.clock - KEEP_CLOCKS)
      this.series.advance(info.clock)
      this.series.samplePools(info.clock, Object.fromEntries(info.nodes.map((n) => [n.id, n.pool])))
      if (!events.some((e) => e.clock === info.clock)) this.latestMessages = []
    }
    if (calls.length > 0)
      this.apiLog = [...calls.reverse(), ...this.apiLog].slice(0, API_LOG_LENGTH)
    this.changed()
  }

  /**
   * `tips` anew if a node's tip moved: compared node by node, not made into a key of 10,000
   * names and hashes a frame.
   */
  private keepTips(info: NetworkInfo): void {
    const { nodes } = info
    let same = nodes.length === this.tipCount
    for (let i = 0; same && i < nodes.length; i++) {
      const node = nodes[i] as NetworkInfo['nodes'][number]
      same = this.tips[node.id] === node.tip
    }
    if (same) return
    this.tips = Object.fromEntries(nodes.map((n) => [n.id, n.tip]))
    this.tipCount = nodes.length
  }

  private changed(): void {
    this.version++
    for (const listener of this.listeners) listener()
  }
}
