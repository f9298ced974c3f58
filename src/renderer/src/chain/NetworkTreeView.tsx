import { useMemo, type ReactNode } from 'react'
import type { Block, LinkSummary } from '../../../shared/api-types'
import { colorOf } from '../charts/palette'
import { DocLink } from '../help/DocLink'
import type { AttackLedger, AttackMark } from './attack-ledger'
import { AttackBlockFacts, markWords } from './AttackBlockFacts'
import { partitionSides, placeNetworkTree, type NetworkBlock } from './network-tree'
import './attack-tree.css'
import './chain.css'

interface Props {
  blocks: ReadonlyMap<string, NetworkBlock>
  /** Whole blocks, by hash, where known: their transactions. */
  whole: ReadonlyMap<string, Block>
  /** Changes whenever `blocks` grew (it grows in place). */
  version: number
  nodes: readonly string[]
  tips: Readonly<Record<string, string>>
  links: readonly LinkSummary[]
  /** The node whose main chain is drawn bold. */
  node: string | null
  /** A replay's clock: the tree as it stood then (the blocks are the whole run's). */
  upTo?: number
  selected: string | null
  onSelect: (hash: string | null) => void
  /** What attackers did with the blocks (withheld, published, orphaned), when there is an attack. */
  attacks?: AttackLedger
}

const W = 96
const H = 52
const BOX_W = 80
const BOX_H = 30

const short = (hash: string) => hash.slice(0, 8)

/** A marked block's second line: since when it is withheld, or a cross for an orphaned one. */
function boxLine(mark: AttackMark, hash: string): string {
  if (mark.kind === 'withheld') return `withheld @${mark.since}`
  if (mark.kind === 'orphaned') return `✕ ${short(hash)}`
  return short(hash)
}

/**
 * One block tree for the whole network: every block any node knows, coloured by miner, each
 * node's tip flagged under its block, the best chain along the top and forks below it. With a
 * partition, a line says which side holds which tip.
 */
export function NetworkTreeView(props: Props) {
  const { blocks, whole, version, nodes, tips, links, node, selected, onSelect, upTo, attacks } =
    props
  // `version` stands for the map's contents, which grow in place.
  const placed = useMemo(
    () => placeNetworkTree(blocks, tips, 40, upTo),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` stands for contents that grow in place
    [blocks, tips, version, upTo],
  )
  const sides = useMemo(() => partitionSides(nodes, links), [nodes, links])
  const minerIndex = new Map(nodes.map((n, i) => [n, i]))
  const byHash = new Map(placed.map((b) => [b.hash, b]))
  const chosen = selected ? byHash.get(selected) && blocks.get(selected) : undefined
  const attacked = attacks && !attacks.isEmpty ? attacks : undefined
  const markOf = (hash: string): AttackMark | null => attacked?.markOf(hash, upTo) ?? null

  if (placed.length <= 1)
    return (
      <section className="card" aria-label="Block tree of the network">
        <h3>Block tree of the network</h3>
        <p className="empty">Only genesis so far: ask a node to mine.</p>
      </section>
    )
  let top = 0
  let low = Infinity
  let lanes = 1
  for (const b of placed) {
    top = Math.max(top, b.height)
    low = Math.min(low, b.height)
    lanes = Math.max(lanes, b.lane + 1)
  }
  const x = (height: number) => 10 + (height - low) * W
  const y = (lane: number) => 8 + lane * H
  const tipText = (hash: string | undefined) => {
    const b = hash ? blocks.get(hash) : undefined
    return b ? `#${b.height} ${short(b.hash)}` : 'unknown'
  }

  return (
    <section className="card" aria-label="Block tree of the network">
      <header className="card-head">
        <h3>Block tree of the network</h3>
        <span className="hint">
          every block any node knows · border: its miner · ◆ a node's tip · dashed: off the best
          chain{node ? ` · bold: ${node}'s main chain` : ''}
          {attacked
            ? ' · red dashes: withheld by an attacker (@ since which clock) · ✕ orphaned by a publication'
            : ''}
        </span>
        <DocLink section="forks-and-the-longest-chain">forks and the longest chain</DocLink>
      </header>
      {sides.length > 1 && (
        <p className="sides" data-testid="partition-sides">
          Partitioned:{' '}
          {sides.map((side, i) => (
            <span key={side.join()}>
              {i > 0 && ' | '}
              <strong>{side.join(', ')}</strong> on{' '}
              {[...new Set(side.map((n) => tipText(tips[n])))].join(' and ')}
            </span>
          ))}
        </p>
      )}
      <div className="tree-scroll">
        <svg
          className="tree network-tree"
          // Room right of the newest blocks for their tip flags, which may name every node.
          width={x(top) + W + 12 * Math.max(0, ...placed.map((b) => b.tipOf.join(' ').length))}
          height={y(lanes - 1) + H}
          role="group"
          aria-label={`Blocks of heights ${low} to ${top}; ${placed.filter((b) => !b.onMainChain).length} off the best chain`}
        >
          {placed.map((b) => {
            const parent = byHash.get(b.parent)
            if (!parent) return null
            return (
              <line
                key={`e-${b.hash}`}
                className="tree-edge"
                x1={x(parent.height) + BOX_W}
                y1={y(parent.lane) + BOX_H / 2}
                x2={x(b.height)}
                y2={y(b.lane) + BOX_H / 2}
              />
            )
          })}
          {placed.map((b) => {
            const miner = b.miner === null ? null : (minerIndex.get(b.miner) ?? 0)
            const mark = markOf(b.hash)
            const second = mark ? boxLine(mark, b.hash) : short(b.hash)
            // Starts with the words on the block, so speech and sight agree.
            const label = `#${b.height} ${b.miner ?? 'genesis'} ${second}: block ${b.height} mined by ${b.miner ?? 'nobody (genesis)'}${b.onMainChain ? '' : ', off the best chain'}${b.tipOf.length ? `, tip of ${b.tipOf.join(', ')}` : ''}${mark ? `; ${markWords(mark)}` : ''}`
            return (
              <g
                key={b.hash}
                className={`tree-block${b.onMainChain ? ' main' : ' side'}${selected === b.hash ? ' selected' : ''}${node && b.chainOf.includes(node) ? ' on-node' : ''}${mark ? ` attack-${mark.kind}` : ''}`}
                transform={`translate(${x(b.height)} ${y(b.lane)})`}
                data-hash={b.hash}
                data-attack={mark?.kind}
                data-tips={b.tipOf.join(' ')}
                role="button"
                tabIndex={0}
                aria-label={label}
                aria-pressed={selected === b.hash}
                onClick={() => onSelect(selected === b.hash ? null : b.hash)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault()
                    onSelect(selected === b.hash ? null : b.hash)
                  }
                }}
              >
                <rect
                  width={BOX_W}
                  height={BOX_H}
                  rx={4}
                  style={miner === null ? undefined : { stroke: colorOf(miner) }}
                />
                {mark?.kind === 'withheld' && (
                  <rect
                    className="withheld-ring"
                    x={-4}
                    y={-4}
                    width={BOX_W + 8}
                    height={BOX_H + 8}
                    rx={6}
                  />
                )}
                {/* One text, two lines: its words read as the label's first words. */}
                <text>
                  <tspan x={BOX_W / 2} y={13}>
                    {`#${b.height} ${b.miner ?? 'genesis'}`}
                  </tspan>{' '}
                  <tspan x={BOX_W / 2} y={25} className="tree-hash">
                    {second}
                  </tspan>
                </text>
                <title>{label}</title>
              </g>
            )
          })}
          {/* The tip flags lie outside the blocks' buttons: their names are in the labels. */}
          {placed.map(
            (b) =>
              b.tipOf.length > 0 && (
                <text
                  key={`t-${b.hash}`}
                  x={x(b.height)}
                  y={y(b.lane) + BOX_H + 12}
                  className="tree-tips"
                  aria-hidden="true"
                >
                  {`◆ ${b.tipOf.join(' ')}`}
                </text>
              ),
          )}
        </svg>
      </div>
      {chosen && (
        <NetworkBlockDetail
          block={chosen}
          whole={whole.get(chosen.hash)}
          nodes={nodes}
          chainOf={byHash.get(chosen.hash)?.chainOf ?? []}
          upTo={upTo}
          onClose={() => onSelect(null)}
        >
          {attacked && <AttackBlockFacts mark={markOf(chosen.hash)} />}
        </NetworkBlockDetail>
      )}
    </section>
  )
}

/** A block of the merged tree: its miner, its transactions, and when each node received it. */
export function NetworkBlockDetail(props: {
  block: NetworkBlock
  whole: Block | undefined
  nodes: readonly string[]
  chainOf: readonly string[]
  upTo?: number | undefined
  onClose: () => void
  /** More to say of the block (what an attack did with it). */
  children?: ReactNode
}) {
  const { block, whole, nodes, chainOf, upTo, onClose, children } = props
  return (
    <section className="block-detail" aria-label={`Block ${block.height} of the network`}>
      <header>
        <h4>
          Block {block.height} <span className="hash">{short(block.hash)}</span>
        </h4>
        <button onClick={onClose} aria-label="close the block's detail">
          ×
        </button>
      </header>
      <dl className="facts">
        <dt>hash</dt>
        <dd className="hash">{block.hash}</dd>
        <dt>parent</dt>
        <dd className="hash">{block.parent || '(none: genesis)'}</dd>
        <dt>miner</dt>
        <dd>{block.miner ?? '(genesis)'}</dd>
      </dl>
      {children}
      <h5>Transactions ({block.transactions})</h5>
      {whole ? (
        <ul className="pool">
          {whole.transactions.map((tx) => (
            <li key={tx.id}>
              {tx.sender ?? '(genesis)'} → {tx.recipient}: {tx.value}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">Mined before this view began: select it in a node's chain.</p>
      )}
      <h5>Received</h5>
      <table className="small received">
        <thead>
          <tr>
            <th scope="col">node</th>
            <th scope="col">accepted at clock</th>
            <th scope="col">on its main chain</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => {
            const got = block.height === 0 ? 0 : block.received.get(n)
            const at = upTo !== undefined && got !== undefined && got > upTo ? undefined : got
            return (
              <tr key={n}>
                <td>{n}</td>
                <td className="num">
                  {at ?? (chainOf.includes(n) ? 'before this view began' : 'not yet')}
                </td>
                <td>{chainOf.includes(n) ? 'yes' : 'no'}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}
