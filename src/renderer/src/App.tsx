import { lazy, Suspense, useEffect, useState } from 'react'
import type { LabClient } from '../../shared/lab-bridge'
import { SweepSession } from './experiments/sweep-session'
import { LiveView } from './live/LiveView'
import { NoticeProvider } from './notices/notices'
import { RecordingBanner } from './notices/RecordingBanner'
import { useLiveLab } from './store/use-live-lab'

type Tab = 'network' | 'runs' | 'experiments' | 'api'

// The other tabs' code (the replay, the sweeps and their charts) is loaded when first opened: the
// live view's first frame does not wait for it to be compiled and run.
const RunsView = lazy(() =>
  import('./runs/RunsView').then(({ RunsView }) => ({ default: RunsView })),
)
const ExperimentsView = lazy(() =>
  import('./experiments/ExperimentsView').then(({ ExperimentsView }) => ({
    default: ExperimentsView,
  })),
)

const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'network', label: 'Live network' },
  { id: 'runs', label: 'Runs' },
  { id: 'experiments', label: 'Experiments' },
  { id: 'api', label: 'API' },
]

export function App({ client }: { client: LabClient }) {
  const lab = useLiveLab(client)
  const [tab, setTab] = useState<Tab>('network')
  // Held here, not in the tab: a sweep's progress and results outlive a look at another tab.
  const [sweeps] = useState(() => new SweepSession(client))
  useEffect(() => sweeps.start(), [sweeps])
  return (
    <NoticeProvider>
      <div className="app">
        <header className="topbar">
          <h1>Chain Lab</h1>
          <nav role="tablist" aria-label="Views">
            {TABS.map((t) => (
              <button
                key={t.id}
                role="tab"
                aria-selected={tab === t.id}
                className={tab === t.id ? 'tab active' : 'tab'}
                onClick={() => setTab(t.id)}
              >
                {t.label}
              </button>
            ))}
          </nav>
          {lab.network && (
            <span className="summary">
              {lab.network.nodes.length} nodes · {lab.network.topology} · difficulty{' '}
              {lab.network.difficulty} ·{' '}
              {lab.network.hosting.mode === 'workers'
                ? `${lab.network.hosting.workers} worker${lab.network.hosting.workers > 1 ? 's' : ''}`
                : 'main thread'}
            </span>
          )}
        </header>
        <RecordingBanner client={client} />
        {tab === 'runs' ? (
          <Suspense fallback={<p className="empty">Loading the runs…</p>}>
            <RunsView client={client} onBranched={() => setTab('network')} />
          </Suspense>
        ) : tab === 'experiments' ? (
          <Suspense fallback={<p className="empty">Loading the experiments…</p>}>
            <ExperimentsView session={sweeps} />
          </Suspense>
        ) : (
          <LiveView client={client} lab={lab} tab={tab} />
        )}
      </div>
    </NoticeProvider>
  )
}
