import { useMemo } from 'react'
import { NODE_STATUSES, type NodeStatus } from '../../../shared/engine-terms'
import type { StatusSpan } from '../store/series'
import { STATUS_LETTERS } from '../network/node-words'
import { LETTER_COLORS, STATUS_COLORS } from './palette'
import './status-letters.css'
import { summariseStatuses, type StatusBucket } from './status-summary'
import './charts.css'

interface Props {
  nodes: readonly string[]
  spans: readonly StatusSpan[]
  from: number
  to: number
  cursor?: number
  /** For a large network: the nodes given a lane of their own under the summary. */
  picked?: readonly string[]
  /** For a large network: nodes per status already counted (else counted from `spans`). */
  counts?: readonly StatusBucket[]
}

/** Up to this many nodes, a lane each; beyond, nodes per status per clock, and picked lanes. */
export const LANES_UP_TO = 24

/**
 * The nodes' statuses over the clocks: a lane per node for a small network; for a large one, how
 * many nodes were in each status, stacked, and a lane for each node a person picked.
 */
export function StatusTimeline({ nodes, spans, from, to, cursor, picked = [], counts }: Props) {
  if (nodes.length <= LANES_UP_TO)
    return <Lanes nodes={nodes} spans={spans} from={from} to={to} cursor={cursor} />
  const lanes = picked.filter((p) => nodes.includes(p))
  const mine = new Set(lanes)
  return (
    <>
      <StatusSummary
        nodes={nodes.length}
        spans={spans}
        counts={counts}
        from={from}
        to={to}
        cursor={cursor}
      />
      {lanes.length > 0 ? (
        <Lanes
          nodes={lanes}
          spans={spans.filter((s) => mine.has(s.node))}
          from={from}
          to={to}
          cursor={cursor}
        />
      ) : (
        <p className="hint">Click nodes in the graph to follow them here, a lane each.</p>
      )}
    </>
  )
}

const WIDTH = 560

function StatusSummary({
  nodes,
  spans,
  counts,
  from,
  to,
  cursor,
}: {
  nodes: number
  spans: readonly StatusSpan[]
  counts: readonly StatusBucket[] | undefined
  from: number
  to: number
  cursor: number | undefined
}) {
  const buckets = useMemo(
    () => counts ?? summariseStatuses(spans, nodes, from, to),
    [counts, spans, nodes, from, to],
  )
  const height = 80
  const scale = WIDTH / Math.max(1, to - from + 1)
  const busy = NODE_STATUSES.filter((s) => s !== 'idle')
  // Scaled to the busiest bucket: a few busy nodes among thousands still show.
  const top = Math.max(1, ...buckets.map((b) => nodes - b.counts.idle))
  return (
    <svg
      className="timeline"
      viewBox={`0 0 ${WIDTH} ${height + 14}`}
      role="img"
      aria-label={`Nodes per status per clock, of ${nodes}`}
    >
      {buckets.map((b) => {
        let y = height
        return busy.map((status) => {
          const h = (height * b.counts[status]) / top
          if (h <= 0) return null
          y -= h
          const x = (b.from - from) * scale
          const width = Math.max(1, (b.to - b.from + 1) * scale)
          return (
            <g key={`${b.from}-${status}`}>
              <rect
                x={x}
                y={y}
                width={width}
                height={h}
                fill={STATUS_COLORS[status]}
                data-status={status}
              >
                <title>{`${status}: ${round(b.counts[status])} of ${nodes} nodes, clocks ${b.from}–${b.to}`}</title>
              </rect>
              <StatusLetter status={status} x={x} y={y} width={width} height={h} />
            </g>
          )
        })
      })}
      <text x={0} y={height + 12} className="lane-label">
        {`busy nodes by status, top of the chart ${round(top)} of ${nodes}`}
      </text>
      {cursor !== undefined && cursor >= from && cursor <= to && (
        <line
          className="cursor"
          x1={(cursor - from + 0.5) * scale}
          x2={(cursor - from + 0.5) * scale}
          y1={0}
          y2={height}
        />
      )}
    </svg>
  )
}

/** A span wide enough for it shows its status's letter too (the legend's): not colour alone. */
const LETTER_ROOM = 10
/** A letter's chip: its width per character and its height, in the chart's units. */
const CHIP_CHAR = 6
const CHIP_HEIGHT = 11

/**
 * The letter sits on a chip of its status's colour, opaque even where the span is drawn faint (a
 * bucket busy part of the time), so that its contrast is the one status-letters.css sets.
 */
function StatusLetter({
  status,
  x,
  y,
  width,
  height,
}: {
  status: NodeStatus
  x: number
  y: number
  width: number
  height: number
}) {
  if (width < LETTER_ROOM || height < LETTER_ROOM) return null
  const letter = STATUS_LETTERS[status]
  const chipWidth = Math.min(width, CHIP_CHAR * letter.length + 4)
  const chipHeight = Math.min(height, CHIP_HEIGHT)
  const cx = x + width / 2
  const cy = y + height / 2
  return (
    <g aria-hidden="true">
      <rect
        className="timeline-letter-chip"
        x={cx - chipWidth / 2}
        y={cy - chipHeight / 2}
        width={chipWidth}
        height={chipHeight}
        fill={STATUS_COLORS[status]}
      />
      <text
        x={cx}
        y={cy}
        className="timeline-letter"
        fill={LETTER_COLORS[status]}
        textAnchor="middle"
        dominantBaseline="central"
        data-letter={status}
      >
        {letter}
      </text>
    </g>
  )
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1)
}

/** One lane per node, coloured by status, clock by clock. */
function Lanes({ nodes, spans, from, to, cursor }: Omit<Props, 'picked'>) {
  const width = WIDTH
  const lane = 16
  const label = 52
  const scale = (width - label) / Math.max(1, to - from + 1)
  const x = (clock: number) => label + (clock - from) * scale
  const index = new Map(nodes.map((n, i) => [n, i]))
  return (
    <svg
      className="timeline"
      viewBox={`0 0 ${width} ${nodes.length * lane + 4}`}
      role="img"
      aria-label="Status timeline"
    >
      {label > 0 &&
        nodes.map((node, i) => (
          <text key={node} x={0} y={i * lane + 12} className="lane-label">
            {node}
          </text>
        ))}
      {spans
        .filter((s) => s.status !== 'idle')
        .map((s) => {
          const i = index.get(s.node)
          if (i === undefined) return null
          const start = Math.max(s.from, from)
          const end = Math.min(s.to, to)
          const width = Math.max(1, (end - start + 1) * scale)
          return (
            <g key={`${s.node}-${s.from}`}>
              <rect
                x={x(start)}
                y={i * lane + 2}
                width={width}
                height={lane - 3}
                fill={STATUS_COLORS[s.status]}
                // A bucket busy a tenth of the time still shows, fainter than a busy one.
                fillOpacity={s.share === undefined ? 1 : 0.2 + 0.8 * s.share}
              >
                <title>
                  {s.share === undefined
                    ? `${s.node} ${s.status}, clocks ${s.from}–${s.to}`
                    : `${s.node} busy ${Math.round(100 * s.share)}% of clocks ${s.from}–${s.to}, mostly ${s.status}`}
                </title>
              </rect>
              <StatusLetter
                status={s.status}
                x={x(start)}
                y={i * lane + 2}
                width={width}
                height={lane - 3}
              />
            </g>
          )
        })}
      {cursor !== undefined && cursor >= from && cursor <= to && (
        <line
          className="cursor"
          x1={x(cursor) + scale / 2}
          x2={x(cursor) + scale / 2}
          y1={0}
          y2={nodes.length * lane + 4}
        />
      )}
    </svg>
  )
}
