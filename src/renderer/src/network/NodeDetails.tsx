import type { LinkSummary, NodeSnapshot, NodeSummary } from '../../../shared/api-types'
import { Term } from '../help/Term'
import { AttackerFacts } from './AttackerFacts'
import './node-details.css'

/**
 * A node's clock, status, balances, peers and pool: what its API answers, at a glance. Live, the
 * overview's `summary` gives the clock, status, height and tip at once (it arrives every frame)
 * while the rest of the node (`node`) is still being asked for: a click shows the node without
 * waiting for the lab.
 */
export function NodeDetails({
  node,
  summary,
  onLink,
}: {
  node: NodeSnapshot | null
  summary?: NodeSummary
  /** Cuts or heals the link to a peer: given, each peer is a button (the graph's links, by keyboard). */
  onLink?: (link: LinkSummary) => void
}) {
  const facts = summary ?? node
  if (!facts) return null
  return (
    <section className="node-details" aria-label={`${facts.id} details`}>
      <h3>
        {facts.id}{' '}
        <span className={`badge status-${facts.status}`} data-testid={`status-${facts.id}`}>
          {facts.status}
        </span>
      </h3>
      <dl className="facts">
        <dt>
          <Term term="clock" />
        </dt>
        <dd>{facts.clock}</dd>
        <dt>
          <Term term="height" />
        </dt>
        <dd>{facts.height}</dd>
        <dt>
          <Term term="queued" />
        </dt>
        <dd data-testid={`queued-${facts.id}`}>{node ? node.queued : '…'}</dd>
        <dt>
          <Term term="tip" />
        </dt>
        <dd className="hash" title={facts.tip}>
          {facts.tip.slice(0, 12)}…
        </dd>
      </dl>
      {node?.attack && <AttackerFacts id={node.id} view={node.attack} />}
      {node ? (
        <NodeState node={node} onLink={onLink} />
      ) : (
        <p className="empty" role="status">
          Asking {facts.id} for its balances, peers and pool…
        </p>
      )}
    </section>
  )
}

/** What only the node itself can answer: the balances it sees, its peers, its pool. */
function NodeState({ node, onLink }: { node: NodeSnapshot; onLink?: (link: LinkSummary) => void }) {
  return (
    <>
      <h4>Balances it sees</h4>
      <table className="small">
        <tbody>
          {Object.entries(node.balances).map(([account, value]) => (
            <tr key={account}>
              <td>{account}</td>
              <td className="num">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Peers</h4>
      <p className="peers">
        {node.peers.length === 0
          ? 'none'
          : node.peers.map((p) =>
              onLink ? (
                <button
                  key={p.id}
                  type="button"
                  className={p.up ? 'peer' : 'peer cut'}
                  aria-label={`${p.up ? 'Cut' : 'Heal'} the link ${node.id} — ${p.id}`}
                  title={p.up ? 'Cut this link' : 'Heal this link'}
                  onClick={() => onLink({ a: node.id, b: p.id, up: p.up, latency: p.latency })}
                >
                  {p.id}
                </button>
              ) : (
                <span key={p.id} className={p.up ? 'peer' : 'peer cut'}>
                  {p.id}
                </span>
              ),
            )}
      </p>
      <h4>Pool ({node.pool.length})</h4>
      {node.pool.length === 0 ? (
        <p className="empty">Empty: send a transaction to fill it.</p>
      ) : (
        <ul className="pool">
          {node.pool.map((tx) => (
            <li key={tx.id}>
              {tx.sender} → {tx.recipient}: {tx.value}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
