import type { EngineEventKind, SequencedEvent } from './events'

/** Times for something to reach a share of the nodes, in clocks, summarised over many items. */
export interface Propagation {
  /** How many items reached that share (blocks that never reached every node are left out of p100). */
  readonly count: number
  readonly mean: number
  readonly median: number
  readonly p90: number
}

/** What an experiment measures. */
export interface RunMetrics {
  readonly clocks: number
  readonly nodes: number
  readonly blocksMined: number
  /** Blocks off the final main chain. */
  readonly staleBlocks: number
  /** staleBlocks / blocksMined. */
  readonly staleRate: number
  /** Heights of the final main chain that also had a rival block: forks per main-chain block. */
  readonly forkRate: number
  readonly reorgs: number
  /** Reorganisations by depth: {1: n, 2: m, …}. */
  readonly reorgDepths: Readonly<Record<string, number>>
  readonly blockPropagation: {
    readonly p50: Propagation
    readonly p90: Propagation
    readonly p100: Propagation
  }
  readonly txPropagation: {
    readonly p50: Propagation
    readonly p90: Propagation
    readonly p100: Propagation
  }
  readonly transactionsConfirmed: number
  /** Confirmed transactions per clock. */
  readonly throughput: number
  readonly mainChainHeight: number
  /** Share of nodes whose tip is the most common tip at the end. */
  readonly agreement: number
  /**
   * Share of node-clocks spent busy (mining, sending, receiving). An automatic miner only starts
   * on idle clocks, so its effective chance per clock is q × (1 − busyShare).
   */
  readonly busyShare: number
}

function summarise(values: number[]): Propagation {
  if (values.length === 0) return { count: 0, mean: NaN, median: NaN, p90: NaN }
  values.sort((a, b) => a - b)
  const at = (p: number) =>
    values[Math.min(values.length - 1, Math.floor(p * values.length))] as number
  return {
    count: values.length,
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    median: at(0.5),
    p90: at(0.9),
  }
}

/**
 * Collects experiment metrics from the event stream as it flows, keeping per block and per
 * transaction only the clocks it reached nodes at, never the events themselves.
 */
export class MetricsCollector {
  /** The only kinds of events it reads: a run measured and not recorded need make no others. */
  static readonly EVENT_KINDS: readonly EngineEventKind[] = [
    'block.mined',
    'block.accepted',
    'tx.accepted',
    'node.status',
    'chain.reorg',
  ]

  private readonly mined = new Map<string, { clock: number; height: number }>()
  /** For each block and transaction: when it reached each node, in order. */
  private readonly blockReach = new Map<string, number[]>()
  private readonly txReach = new Map<string, number[]>()
  private readonly reorgDepths: Record<string, number> = {}
  private reorgs = 0
  /** When each busy node became busy, and the busy clocks of stretches already ended. */
  private readonly busySince = new Map<string, number>()
  private busyClocks = 0

  constructor(private readonly nodeCount: number) {}

  add(events: readonly SequencedEvent[]): void {
    for (const event of events) {
      switch (event.kind) {
        case 'block.mined':
          this.mined.set(event.block.hash, { clock: event.clock, height: event.block.id })
          break
        case 'block.accepted': {
          const reach = this.blockReach.get(event.block.hash)
          if (reach) reach.push(event.clock)
          else this.blockReach.set(event.block.hash, [event.clock])
          break
        }
        case 'tx.accepted': {
          const reach = this.txReach.get(event.tx.id)
          if (reach) reach.push(event.clock)
          else this.txReach.set(event.tx.id, [event.clock])
          break
        }
        case 'node.status': {
          const since = this.busySince.get(event.node)
          if (since !== undefined) {
            this.busyClocks += event.clock - since
            this.busySince.delete(event.node)
          }
          if (event.status !== 'idle') this.busySince.set(event.node, event.clock)
          break
        }
        case 'chain.reorg':
          this.reorgs++
          this.reorgDepths[event.depth] = (this.reorgDepths[event.depth] ?? 0) + 1
          break
        default:
          break
      }
    }
  }

  /**
   * The metrics, given how the run ended: the main chain (block hashes and transaction counts,
   * from genesis) that most nodes hold, and every node's tip.
   */
  finish(
    clocks: number,
    mainChain: readonly { hash: string; transactions: number }[],
    tips: readonly string[],
  ): RunMetrics {
    const onMain = new Set(mainChain.map((b) => b.hash))
    let stale = 0
    const heightsWithRival = new Set<number>()
    for (const [hash, { height }] of this.mined) {
      if (onMain.has(hash)) continue
      stale++
      heightsWithRival.add(height)
    }
    const counts = new Map<string, number>()
    for (const tip of tips) counts.set(tip, (counts.get(tip) ?? 0) + 1)
    const propagation = (
      reaches: Map<string, number[]>,
      origin: (key: string, first: number) => number,
    ) => {
      const shares = { p50: [] as number[], p90: [] as number[], p100: [] as number[] }
      for (const [key, clocksReached] of reaches) {
        const start = origin(key, clocksReached[0] as number)
        const need = (share: number) => Math.max(1, Math.ceil(share * this.nodeCount))
        for (const [name, share] of [
          ['p50', 0.5],
          ['p90', 0.9],
          ['p100', 1],
        ] as const) {
          const reached = clocksReached[need(share) - 1]
          if (reached !== undefined) shares[name].push(reached - start)
        }
      }
      return {
        p50: summarise(shares.p50),
        p90: summarise(shares.p90),
        p100: summarise(shares.p100),
      }
    }
    let busy = this.busyClocks
    for (const since of this.busySince.values()) busy += clocks + 1 - since
    const confirmed = mainChain.slice(1).reduce((sum, b) => sum + b.transactions, 0)
    const mainBlocks = Math.max(0, mainChain.length - 1)
    return {
      clocks,
      nodes: this.nodeCount,
      blocksMined: this.mined.size,
      staleBlocks: stale,
      staleRate: this.mined.size > 0 ? stale / this.mined.size : 0,
      forkRate:
        mainBlocks > 0
          ? [...heightsWithRival].filter((h) => h <= mainBlocks).length / mainBlocks
          : 0,
      reorgs: this.reorgs,
      reorgDepths: { ...this.reorgDepths },
      blockPropagation: propagation(
        this.blockReach,
        (hash, first) => this.mined.get(hash)?.clock ?? first,
      ),
      txPropagation: propagation(this.txReach, (_id, first) => first),
      transactionsConfirmed: confirmed,
      throughput: clocks > 0 ? confirmed / clocks : 0,
      mainChainHeight: mainBlocks,
      agreement: tips.length > 0 ? Math.max(...counts.values()) / tips.length : 1,
      busyShare: clocks > 0 ? busy / (clocks * this.nodeCount) : 0,
    }
  }
}
