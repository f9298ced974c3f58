import { NODE_STATUSES, type NodeStatus } from '../../../shared/engine-terms'
import { STATUS_WORDS } from '../network/node-words'
import type { StatusSpan } from '../store/series'
import type { StatusBucket } from './status-summary'

/**
 * Each chart in a sentence, for screen readers (a chart is one tab stop whose description is its
 * summary): what it shows at the clock shown, or over the window for counts per clock.
 */

/** A row of a chart, by column (a clock and its values). */
type Row = Readonly<Record<string, number | undefined>> & { readonly clock?: number }

/** The row at `clock`, or the last one before it; the last row when no clock is given. */
function rowAt(rows: readonly Row[], clock?: number): Row | undefined {
  if (clock === undefined) return rows[rows.length - 1]
  let found: Row | undefined
  for (const row of rows) if ((row.clock ?? 0) <= clock) found = row
  return found
}

/** Values per series at a clock: "Chain height at clock 12: node1 4, node2 3." */
export function valuesAt(
  what: string,
  rows: readonly Row[],
  series: readonly { key: string; name: string }[],
  clock?: number,
): string {
  const row = rowAt(rows, clock)
  if (!row || series.length === 0) return `${what}: no data yet.`
  const values = series.map((s) => `${s.name} ${row[s.key] ?? 0}`).join(', ')
  return `${what} at clock ${row.clock ?? 0}: ${values}.`
}

/** Totals per series over the window: "Messages over clocks 1–12: NEW_BLOCK 4, NEW_TX 9." */
export function totalsOver(
  what: string,
  rows: readonly Row[],
  series: readonly { key: string; name: string; max?: boolean }[],
  from: number,
  to: number,
): string {
  const values = series.map((s) => {
    const all = rows.map((r) => r[s.key] ?? 0)
    const value = s.max ? Math.max(0, ...all) : all.reduce((a, b) => a + b, 0)
    return `${s.name} ${value}`
  })
  return `${what} over clocks ${from}–${to}: ${values.join(', ')}.`
}

/**
 * The nodes' statuses at a clock: each node's for a few nodes, how many in each status for many.
 */
export function statusesAt(
  nodes: readonly string[],
  spans: readonly StatusSpan[],
  clock: number,
  each: number,
): string {
  const status = new Map<string, NodeStatus>()
  for (const s of spans) if (s.from <= clock && clock <= s.to) status.set(s.node, s.status)
  const of = (node: string) => status.get(node) ?? 'idle'
  if (nodes.length <= each)
    return `Statuses at clock ${clock}: ${nodes.map((n) => `${n} ${STATUS_WORDS[of(n)]}`).join(', ')}.`
  const counts = new Map<NodeStatus, number>()
  for (const n of nodes) counts.set(of(n), (counts.get(of(n)) ?? 0) + 1)
  const parts = NODE_STATUSES.filter((s) => counts.has(s)).map(
    (s) => `${counts.get(s)} ${STATUS_WORDS[s]}`,
  )
  return `Statuses of ${nodes.length} nodes at clock ${clock}: ${parts.join(', ')}.`
}

/**
 * The nodes' statuses at a clock from counts per bucket (a large run's overview): how many in
 * each status, on average over the bucket the clock is in.
 */
export function countsAt(nodes: number, buckets: readonly StatusBucket[], clock: number): string {
  const bucket = buckets.find((b) => b.from <= clock && clock <= b.to)
  if (!bucket) return `Statuses of ${nodes} nodes at clock ${clock}: no data.`
  const parts = NODE_STATUSES.filter((s) => bucket.counts[s] > 0).map(
    (s) => `${roundCount(bucket.counts[s])} ${STATUS_WORDS[s]}`,
  )
  const over =
    bucket.from === bucket.to ? '' : ` (on average over clocks ${bucket.from}–${bucket.to})`
  return `Statuses of ${nodes} nodes at clock ${clock}${over}: ${parts.join(', ')}.`
}

function roundCount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1)
}
