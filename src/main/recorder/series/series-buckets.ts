import { MESSAGE_TYPES, type MessageType } from '../../../core/network/message'
import { NODE_STATUSES, type NodeStatus } from '../../../core/node-status'
import type { BucketedSeries, BucketNetwork, SeriesBucket } from '../../../shared/run-types'
import { SERIES_NODES_UP_TO } from '../../../shared/schemas'
import type { NodeTrack, SeriesDigest } from './series-digest'

export interface SeriesQuery {
  readonly from?: number | undefined
  readonly to?: number | undefined
  readonly buckets: number
  readonly node?: string | undefined
  readonly detail?: 'summary' | undefined
}

/** Balances on a main chain ending at a block (null: the genesis block), and their accounts. */
export interface ChainBalances {
  readonly accounts: readonly string[]
  after(tip: string | null): Record<string, number>
}

export interface SeriesRange {
  readonly from: number
  readonly to: number
  readonly buckets: number
  readonly node: string
  /** The network's summary and `node`'s values alone, not every node's (see BucketedSeries). */
  readonly summarised: boolean
}

/**
 * The query held to the run: from..to within 0..its last clock (from past the end: the last
 * clock alone), no more buckets than clocks, balances of a node the run has, summarised beyond
 * SERIES_NODES_UP_TO nodes.
 */
export function clampRange(
  query: SeriesQuery,
  lastClock: number,
  nodes: readonly string[],
): SeriesRange {
  const to = Math.min(query.to ?? lastClock, lastClock)
  const from = Math.min(query.from ?? 0, to)
  const node = query.node !== undefined && nodes.includes(query.node) ? query.node : nodes[0]
  return {
    from,
    to,
    buckets: Math.min(query.buckets, to - from + 1),
    node: node ?? '',
    summarised: query.detail === 'summary' || nodes.length > SERIES_NODES_UP_TO,
  }
}

/**
 * from..to in buckets of equal width (the last may be shorter), each bucket starting at
 * from + k × width: the same buckets the renderer's per-clock series merges a window into.
 */
export function bucketSeries(
  runId: number,
  digest: SeriesDigest,
  balances: ChainBalances,
  range: SeriesRange,
): BucketedSeries {
  const { from, to } = range
  const width = Math.ceil((to - from + 1) / range.buckets)
  const nodes = [...digest.tracks.keys()]
  const buckets: SeriesBucket[] = []
  for (let start = from; start <= to; start += width) {
    const end = Math.min(to, start + width - 1)
    const rows = range.summarised
      ? summarisedRows(digest, range.node, start, end)
      : nodeRows(digest.tracks, start, end)
    const messages: Partial<Record<MessageType, number>> = {}
    for (const type of MESSAGE_TYPES) {
      const count = digest.messages.get(type)?.count(start, end) ?? 0
      if (count > 0) messages[type] = count
    }
    const tip = digest.tracks.get(range.node)?.tip.at(end) ?? null
    buckets.push({
      clock: start,
      to: end,
      ...rows,
      messages,
      forks: digest.forks.count(start, end),
      reorgs: digest.reorgs.count(start, end),
      reorgDepth: digest.reorgs.max(start, end),
      balances: balances.after(tip),
    })
  }
  return {
    runId,
    from,
    to,
    width,
    nodes,
    accounts: balances.accounts,
    balancesOf: range.node,
    summarised: range.summarised,
    buckets,
  }
}

type NodeRows = Pick<SeriesBucket, 'heights' | 'pools' | 'activity' | 'busy'>

/** The nodes' heights and pools at `end`, and what they did in start..end. */
function nodeRows(tracks: ReadonlyMap<string, NodeTrack>, start: number, end: number): NodeRows {
  const heights: Record<string, number> = {}
  const pools: Record<string, number> = {}
  const activity: Record<string, NodeStatus> = {}
  const busy: Record<string, number> = {}
  for (const [node, track] of tracks) {
    heights[node] = track.height.at(end)
    pools[node] = track.pool.at(end)
    const spent = statusClocks(track, start, end)
    activity[node] = mainActivity(spent)
    busy[node] = end - start + 1 - (spent.get('idle') ?? 0)
  }
  return { heights, pools, activity, busy }
}

/**
 * One node's rows, and the whole network's summary: lowest and highest chain and pooled
 * transactions at `end` (as the renderer's NetworkSummary), nodes per status over start..end.
 */
function summarisedRows(
  digest: SeriesDigest,
  node: string,
  start: number,
  end: number,
): NodeRows & { network: BucketNetwork } {
  let lowestHeight = Infinity
  let highestHeight = 0
  let totalPool = 0
  const nodeClocks = new Map<NodeStatus, number>()
  for (const track of digest.tracks.values()) {
    const height = track.height.at(end)
    lowestHeight = Math.min(lowestHeight, height)
    highestHeight = Math.max(highestHeight, height)
    totalPool += track.pool.at(end)
    for (const [status, clocks] of statusClocks(track, start, end))
      nodeClocks.set(status, (nodeClocks.get(status) ?? 0) + clocks)
  }
  const clocks = end - start + 1
  const statuses = Object.fromEntries(
    NODE_STATUSES.map((status) => [status, (nodeClocks.get(status) ?? 0) / clocks]),
  ) as Record<NodeStatus, number>
  const own = digest.tracks.get(node)
  return {
    ...nodeRows(own ? new Map([[node, own]]) : new Map(), start, end),
    network: {
      lowestHeight: digest.tracks.size > 0 ? lowestHeight : 0,
      highestHeight,
      totalPool,
      statuses,
    },
  }
}

/** How many clocks of start..end a node spent in each status. */
function statusClocks(track: NodeTrack, start: number, end: number): Map<NodeStatus, number> {
  const spent = new Map<NodeStatus, number>()
  const { status } = track
  for (let i = status.indexAt(start); i < status.length && status.clockOf(i) <= end; i++) {
    const first = Math.max(start, status.clockOf(i))
    const last = i + 1 < status.length ? Math.min(end, status.clockOf(i + 1) - 1) : end
    const value = status.valueOf(i)
    spent.set(value, (spent.get(value) ?? 0) + last - first + 1)
  }
  return spent
}

/** The status other than idle a node spent most clocks in (the first listed on a tie), or idle. */
function mainActivity(spent: ReadonlyMap<NodeStatus, number>): NodeStatus {
  let best: NodeStatus = 'idle'
  let most = 0
  for (const status of NODE_STATUSES) {
    const clocks = spent.get(status) ?? 0
    if (status !== 'idle' && clocks > most) {
      best = status
      most = clocks
    }
  }
  return best
}
