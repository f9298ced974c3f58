import type { CSSProperties } from 'react'
import type { LinkSummary, NodeSummary, SequencedEvent } from '../../../shared/api-types'
import { circleLayout } from './layout'

interface Props {
  nodes: readonly NodeSummary[]
  links: readonly LinkSummary[]
  selected: string | null
  /** Messages sent in the clock shown: drawn travelling along their links. */
  messages?: readonly SequencedEvent[]
  onSelect?: (node: string) => void
  onLink?: (link: LinkSummary) => void
}

const SIZE = 420

/** The network as a graph: nodes coloured by status with their clocks, links, cut links dashed. */
export function NetworkGraph({ nodes, links, selected, messages = [], onSelect, onLink }: Props) {
  const at = circleLayout(
    nodes.map((n) => n.id),
    SIZE,
  )
  const small = nodes.length > 24
  const radius = small ? Math.max(4, 180 / nodes.length + 2) : 24
  return (
    <svg
      className="graph"
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      role="img"
      aria-label={`Network of ${nodes.length} nodes`}
    >
      {links.map((link) => {
        const a = at.get(link.a)
        const b = at.get(link.b)
        if (!a || !b) return null
        return (
          <line
            key={`${link.a}-${link.b}`}
            className={link.up ? 'link' : 'link link-cut'}
            x1={a.x}
            y1={a.y}
            x2={b.x}
            y2={b.y}
            onClick={() => onLink?.(link)}
          >
            <title>{`${link.a} — ${link.b}${link.up ? '' : ' (cut)'}: click to ${link.up ? 'cut' : 'heal'}`}</title>
          </line>
        )
      })}
      {messages.map((m) => {
        if (m.kind !== 'message.sent') return null
        const from = at.get(m.node)
        const to = at.get(m.to)
        if (!from || !to) return null
        return (
          <circle
            key={`${m.node}-${m.id}`}
            className={`message message-${m.type}`}
            r={small ? 2 : 5}
            style={
              {
                '--dx': `${to.x - from.x}px`,
                '--dy': `${to.y - from.y}px`,
              } as CSSProperties
            }
            cx={from.x}
            cy={from.y}
          >
            <title>{`${m.type} ${m.node} → ${m.to}`}</title>
          </circle>
        )
      })}
      {nodes.map((node) => {
        const p = at.get(node.id)
        if (!p) return null
        return (
          <g
            key={node.id}
            className={`node status-${node.status}${selected === node.id ? ' selected' : ''}`}
            transform={`translate(${p.x} ${p.y})`}
            onClick={() => onSelect?.(node.id)}
            data-node={node.id}
            data-status={node.status}
          >
            <circle r={radius} />
            {!small && (
              <>
                <text className="node-name" dy="-4">
                  {node.id}
                </text>
                <text className="node-clock" dy="10">{`t${node.clock}`}</text>
                <text className="node-clock" dy="20">{`h${node.height}`}</text>
              </>
            )}
            <title>{`${node.id}: ${node.status} at clock ${node.clock}, height ${node.height}, pool ${node.pool}`}</title>
          </g>
        )
      })}
    </svg>
  )
}
