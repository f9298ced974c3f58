import type { LabClient } from '../../shared/lab-bridge'
import { NetworkPanel } from './network/NetworkPanel'
import { useNetwork } from './use-network'

export function App({ client }: { client: LabClient }) {
  const { network, error, run } = useNetwork(client)
  return (
    <div className="app">
      <header className="toolbar">
        <h1>Chain Lab</h1>
        {network && (
          <>
            <span className="clock" aria-label="network clock">
              clock {network.clock}
            </span>
            <button onClick={() => run(() => client.start({}))} disabled={network.started}>
              Start
            </button>
            <button
              onClick={() => run(() => client.step({ clocks: 1 }))}
              disabled={!network.started}
            >
              Step
            </button>
            <button
              onClick={() => run(() => client.step({ clocks: 10 }))}
              disabled={!network.started}
            >
              Step 10
            </button>
            <button onClick={() => run(() => client.reset({}))}>Reset</button>
          </>
        )}
      </header>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {network ? (
        <NetworkPanel network={network} client={client} run={run} />
      ) : (
        <p className="empty">Connecting to the lab…</p>
      )}
    </div>
  )
}
