import type { StatusSpan } from '../store/series'
import { STATUS_COLORS } from './palette'

interface Props {
  nodes: readonly string[]
  spans: readonly StatusSpan[]
  from: number
  to: number
  cursor?: number
}

/** One lane per node, coloured by status, clock by clock. */
export function StatusTimeline({ nodes, spans, from, to, cursor }: Props) {
  const width = 560
  const lane = nodes.length > 20 ? 6 : 16
  const label = nodes.length > 20 ? 0 : 52
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
          return (
            <rect
              key={`${s.node}-${s.from}`}
              x={x(start)}
              y={i * lane + 2}
              width={Math.max(1, (end - start + 1) * scale)}
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
