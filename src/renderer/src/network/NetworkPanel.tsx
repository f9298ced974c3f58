import type { NetworkInfo } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'

interface Props {
  network: NetworkInfo
  client: LabClient
  run: (action: () => Promise<unknown>) => Promise<void>
}

/** The nodes with their clocks, statuses and chains, and the links between them. */
export function NetworkPanel({ network, client, run }: Props) {
  return (
    <main className="panel">
      {!network.started && (
        <p className="empty">
          The network is stopped. Press Start, then Step to advance the clock.
        </p>
      )}
      <table className="nodes">
        <thead>
          <tr>
            <th>node</th>
            <th>port</th>
            <th>clock</th>
            <th>status</th>
            <th>height</th>
            <th>pool</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {network.nodes.map((node) => (
            <tr key={node.id} data-node={node.id}>
              <td>{node.id}</td>
              <td>{node.port ?? '—'}</td>
              <td>{node.clock}</td>
              <td>
                <span className={`status status-${node.status}`}>{node.status}</span>
              </td>
              <td>{node.height}</td>
              <td>{node.pool}</td>
              <td>
                <button
                  disabled={!node.started}
                  onClick={() => run(() => client.mine({ node: node.id }))}
                >
                  Mine
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Links</h2>
      <ul className="links">
        {network.links.map((link) => (
          <li key={`${link.a}-${link.b}`} className={link.up ? 'up' : 'cut'}>
            {link.a} — {link.b} {link.up ? '' : '(cut)'}
            <button
              onClick={() =>
                run(() =>
                  link.up
                    ? client.cutLink({ a: link.a, b: link.b })
                    : client.healLink({ a: link.a, b: link.b }),
                )
              }
            >
              {link.up ? 'Cut' : 'Heal'}
            </button>
          </li>
        ))}
      </ul>
    </main>
  )
}
