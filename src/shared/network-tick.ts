import { NODE_STATUSES, STATUS_INDEX } from '../core/node-status'
import type { LinkSummary, NetworkInfo, NodeSummary } from './api-types'

/**
 * The live network after a command, in a compact form: what changes from clock to clock (each
 * node's clock, status, height, tip and pool, which links are cut, the automatic switches), in
 * the whole overview's order, without what does not (names, ports, links and their latencies,
 * the genesis). The UI applies it to the overview it holds. A whole overview of 2,000 nodes and
 * 8,000 links is about 750 KB of JSON; a tick of it about 20 KB, most of it the heights and pools.
 */
export interface NetworkTick {
  readonly clock: number
  readonly started: boolean
  readonly autoMine: number | null
  readonly workload: number | null
  /** How many nodes and links the overview it applies to has: a check that it fits. */
  readonly nodeCount: number
  readonly linkCount: number
  /** Each node's clock; one number when every node is at the same clock (they mostly are). */
  readonly clocks: number | readonly number[]
  /** Each node's status, one digit a node: its index in NODE_STATUSES. */
  readonly statuses: string
  readonly heights: readonly number[]
  /** The distinct tips, and each node's as an index into them: nodes mostly share a few. */
  readonly tips: readonly string[]
  readonly tipOf: readonly number[]
  readonly pools: readonly number[]
  /** The nodes not started (their indices); none once the network is started. */
  readonly stopped: readonly number[]
  /** The links that are cut, as indices into the overview's links. */
  readonly cut: readonly number[]
  /**
   * The seq of the last engine event made before this overview (0: none yet): a client that
   * follows the event stream (`/api/events`) knows from it whether it has every event of the
   * step it asked for.
   */
  readonly eventSeq: number
}

const DIGIT_ZERO = 0x30

/** Bytes as a string of one character each, in pieces (an argument list has a limit). */
function latin1(bytes: Uint8Array): string {
  let text = ''
  for (let at = 0; at < bytes.length; at += 8_192)
    text += String.fromCharCode(...bytes.subarray(at, at + 8_192))
  return text
}

/**
 * What a tick is made of: an overview, or only the parts of one that change (the lab makes its
 * ticks from its nodes' briefs without building the whole overview first, which at 10,000 nodes
 * was most of a clock's cost).
 */
export type TickSource = Pick<NetworkInfo, 'clock' | 'started' | 'autoMine' | 'workload'> & {
  readonly nodes: readonly Pick<
    NodeSummary,
    'clock' | 'started' | 'status' | 'height' | 'tip' | 'pool'
  >[]
  readonly links: readonly Pick<LinkSummary, 'up'>[]
  /**
   * NetworkTick's `eventSeq`; the lab always gives it. An overview alone (a NetworkInfo, as
   * tests and tools make ticks) knows no events: 0.
   */
  readonly eventSeq?: number
}

/** The compact form of an overview. */
export function toNetworkTick(info: TickSource): NetworkTick {
  const tips: string[] = []
  const tipIndex = new Map<string, number>()
  const tipOf: number[] = []
  const heights: number[] = []
  const pools: number[] = []
  const clocks: number[] = []
  const stopped: number[] = []
  // One digit a node, as character codes: a string grown by a character a node was a large part
  // of a 10,000-node tick's cost.
  const statusCodes = new Uint8Array(info.nodes.length)
  let sameClock = true
  info.nodes.forEach((node, i) => {
    let tip = tipIndex.get(node.tip)
    if (tip === undefined) {
      tip = tips.push(node.tip) - 1
      tipIndex.set(node.tip, tip)
    }
    tipOf.push(tip)
    heights.push(node.height)
    pools.push(node.pool)
    clocks.push(node.clock)
    if (node.clock !== info.clock) sameClock = false
    if (!node.started) stopped.push(i)
    statusCodes[i] = DIGIT_ZERO + (STATUS_INDEX.get(node.status) as number)
  })
  const statuses = latin1(statusCodes)
  const cut: number[] = []
  info.links.forEach((link, i) => {
    if (!link.up) cut.push(i)
  })
  return {
    clock: info.clock,
    started: info.started,
    autoMine: info.autoMine,
    workload: info.workload,
    nodeCount: info.nodes.length,
    linkCount: info.links.length,
    clocks: sameClock ? info.clock : clocks,
    statuses,
    heights,
    tips,
    tipOf,
    pools,
    stopped,
    cut,
    eventSeq: info.eventSeq ?? 0,
  }
}

/**
 * The overview `info` brought up to `tick`, or null when the tick is of another network (other
 * counts of nodes or links: the whole overview is needed). Nodes and links that did not change
 * stay the same objects, and the links the same array when none was cut or healed, so the views
 * can tell cheaply what changed.
 */
export function applyNetworkTick(info: NetworkInfo, tick: NetworkTick): NetworkInfo | null {
  if (tick.nodeCount !== info.nodes.length || tick.linkCount !== info.links.length) return null
  const stopped = new Set(tick.stopped)
  const nodes = info.nodes.map((node, i): NodeSummary => {
    const clock = typeof tick.clocks === 'number' ? tick.clocks : (tick.clocks[i] ?? node.clock)
    const status = NODE_STATUSES[Number(tick.statuses[i])] ?? node.status
    const height = tick.heights[i] ?? node.height
    const tip = tick.tips[tick.tipOf[i] ?? -1] ?? node.tip
    const pool = tick.pools[i] ?? node.pool
    const started = !stopped.has(i)
    return node.clock === clock &&
      node.status === status &&
      node.height === height &&
      node.tip === tip &&
      node.pool === pool &&
      node.started === started
      ? node
      : { ...node, clock, status, height, tip, pool, started }
  })
  const cut = new Set(tick.cut)
  let linksChanged = false
  const updated = info.links.map((link, i): LinkSummary => {
    const up = !cut.has(i)
    if (link.up === up) return link
    linksChanged = true
    return { ...link, up }
  })
  return {
    ...info,
    clock: tick.clock,
    started: tick.started,
    autoMine: tick.autoMine,
    workload: tick.workload,
    nodes,
    links: linksChanged ? updated : info.links,
  }
}
