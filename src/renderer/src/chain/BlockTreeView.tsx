import type { TreeBlock } from '../../../shared/api-types'
import { layoutTree } from './tree-layout'
import './chain.css'

interface Props {
  node: string
  blocks: readonly TreeBlock[]
  selected: string | null
  onSelect: (hash: string) => void
  /** How many of the highest heights to draw; older blocks scroll out of the window. */
  window?: number
}

const W = 64
const H = 34

/** A node's block tree: the main chain along the top, forks and abandoned branches below. */
export function BlockTreeView({ node, blocks, selected, onSelect, window = 40 }: Props) {
  if (blocks.length <= 1)
    return <p className="empty">Only genesis so far: ask a node to mine to grow {node}'s chain.</p>
  let top = 0
  for (const b of blocks) if (b.height > top) top = b.height
  const low = Math.max(0, top - window + 1)
  // Lay out only what is drawn, so lanes of long-gone forks take no room.
  const shown = layoutTree(blocks.filter((b) => b.height >= low))
  const byHash = new Map(shown.map((b) => [b.hash, b]))
  const lanes = Math.max(...shown.map((b) => b.lane)) + 1
  const x = (height: number) => 10 + (height - low) * W
  const y = (lane: number) => 10 + lane * H
  return (
    <div className="tree-scroll">
      <svg
        className="tree"
        width={x(top) + W}
        height={y(lanes - 1) + H}
        role="img"
        aria-label={`${node}'s block tree, heights ${low} to ${top}`}
      >
        {shown.map((b) => {
          const parent = byHash.get(b.parent)
          if (!parent || parent.height < low) return null
          return (
            <line
              key={`e-${b.hash}`}
              className="tree-edge"
              x1={x(parent.height) + 44}
              y1={y(parent.lane) + 11}
              x2={x(b.height)}
              y2={y(b.lane) + 11}
            />
          )
        })}
        {shown.map((b) => (
          <g
            key={b.hash}
            className={`tree-block${b.onMainChain ? ' main' : ' side'}${selected === b.hash ? ' selected' : ''}`}
            transform={`translate(${x(b.height)} ${y(b.lane)})`}
            onClick={() => onSelect(b.hash)}
            data-height={b.height}
          >
            <rect width={44} height={22} rx={4} />
            <text x={22} y={15}>
              {b.height}
            </text>
            <title>{`#${b.height} ${b.hash.slice(0, 12)}… by ${b.miner ?? 'genesis'}, ${b.transactions} tx${b.onMainChain ? '' : ' (off the main chain)'}`}</title>
          </g>
        ))}
      </svg>
    </div>
  )
}
