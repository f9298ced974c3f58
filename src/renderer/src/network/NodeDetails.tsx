import type { LinkSummary, NodeSnapshot } from '../../../shared/api-types'
import { Term } from '../help/Term'
import './node-details.css'

/** A node's clock, status, balances, peers and pool: what its API answers, at a glance. */
export function NodeDetails({
  node,
  onLink,
}: {
  node: NodeSnapshot
  /** Cuts or heals the link to a peer: given, each peer is a button (the graph's links, by keyboard). */
  onLink?: (link: LinkSummary) => void
}) {
  return (
    <section className="node-details" aria-label={`${node.id} details`}>
      <h3>
        {node.id}{' '}
        <span className={`badge status-${node.status}`} data-testid={`status-${node.id}`}>
          {node.status}
        </span>
      </h3>
      <dl className="facts">
        <dt>
          <Term term="clock" />
        </dt>
        <dd>{node.clock}</dd>
        <dt>
          <Term term="height" />
        </dt>
        <dd>{node.height}</dd>
        <dt>
          <Term term="queued" />
        </dt>
        <dd>{node.queued}</dd>
        <dt>
          <Term term="tip" />
        </dt>
        <dd className="hash" title={node.tip}>
          {node.tip.slice(0, 12)}…
        </dd>
      </dl>
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
    </section>
  )
}
