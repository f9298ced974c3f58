import type { ApiCall, NetworkInfo } from '../../../shared/api-types'
import { useNotify } from '../notices/notices'
import { Pager, usePage } from '../table/Pager'
import { DocLink } from '../help/DocLink'
import './api.css'

/** Rows per page of the ports table and of the log. */
const PORTS_PAGE = 20
const LOG_PAGE = 25

interface Props {
  network: NetworkInfo
  node: string | null
  log: readonly ApiCall[]
}

/** Every route of the selected node as a curl command to copy, and the calls tools are making. */
export function ApiPanel({ network, node, log }: Props) {
  const notify = useNotify()
  // The clipboard is refused to pages that are not secure or not focused: say which happened.
  const copy = (command: string) =>
    (navigator.clipboard?.writeText(command) ?? Promise.reject(new Error('no clipboard'))).then(
      () => notify(`Copied: ${command}`),
      () => notify('The browser refused the clipboard: select the command and copy it', 'failed'),
    )
  const selected = network.nodes.find((n) => n.id === node) ?? network.nodes[0]
  const ports = usePage(network.nodes, PORTS_PAGE)
  const calls = usePage(log, LOG_PAGE)
  const base = selected?.port ? `http://127.0.0.1:${selected.port}` : null
  const tx = `'{"sender":"${network.accounts[0] ?? 'aki'}","recipient":"${network.accounts[1] ?? 'so'}","value":1}'`
  const commands = base
    ? [
        `curl ${base}/start`,
        `curl ${base}/status`,
        `curl -X POST ${base}/tx/add -H 'Content-Type: application/json' -d ${tx}`,
        `curl ${base}/clock/${network.clock + 1}`,
        `curl ${base}/mine`,
        `curl ${base}/txPool/all`,
        `curl ${base}/block/latest`,
        `curl ${base}/block/0`,
        `curl ${base}/block/all`,
        `curl ${base}/peer`,
        `curl ${base}/reset`,
      ]
    : []
  return (
    <div className="api-panel">
      <section className="card">
        <h3>Node API ports</h3>
        <table className="small">
          <tbody>
            {ports.rows.map((n) => (
              <tr key={n.id}>
                <td>{n.id}</td>
                <td>{n.port ? `127.0.0.1:${n.port}` : 'no server (large network)'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pager label="ports" total={network.nodes.length} {...ports} />
        <p className="hint">
          Dialect: {network.dialect}. The lab API is described at /openapi.json.
        </p>
        <DocLink doc="readme" section="the-lab-api">
          the lab API
        </DocLink>
      </section>
      <section className="card">
        <h3>curl for {selected?.id ?? 'a node'}</h3>
        <DocLink doc="readme" section="the-node-api-one-port-per-node">
          the node API, route by route
        </DocLink>
        <ul className="curl">
          {commands.map((command) => (
            <li key={command}>
              {/* Focusable: a long command scrolls in its box, by keyboard too. */}
              <code tabIndex={0}>{command}</code>
              <button onClick={() => void copy(command)} aria-label={`copy ${command}`}>
                Copy
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h3>Live API log</h3>
        {log.length === 0 ? (
          <p className="empty">
            No calls yet. Run one of the curl commands and watch it appear here.
          </p>
        ) : (
          <table className="small log">
            <tbody>
              {calls.rows.map((call, i) => (
                <tr
                  key={`${call.at}-${calls.first + i}`}
                  className={call.status >= 400 ? 'failed' : ''}
                >
                  <td>{call.at.slice(11, 19)}</td>
                  <td>{call.node}</td>
                  <td>{call.method}</td>
                  <td>{call.path}</td>
                  <td className="num">{call.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager label="the log" total={log.length} {...calls} />
      </section>
    </div>
  )
}
