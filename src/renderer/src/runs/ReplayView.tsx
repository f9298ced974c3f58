import { useDeferredValue, useEffect, useMemo, useState } from 'react'
import type { LinkSummary, NodeSummary } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'
import type { RunSummary } from '../../../shared/run-types'
import { BlockDetail } from '../chain/BlockDetail'
import { BlockTreeView } from '../chain/BlockTreeView'
import { Charts, MAX_LINES } from '../charts/Charts'
import { EventLog } from '../events/EventLog'
import { useNotify } from '../notices/notices'
import { useRunLog } from '../events/use-run-log'
import { Glossary } from '../help/Glossary'
import { Legend } from '../network/Legend'
import { NetworkGraph } from '../network/NetworkGraph'
import { NodeDetails } from '../network/NodeDetails'
import { ReplayNetworkTree } from './ReplayNetworkTree'
import { useClockMessages } from './use-clock-messages'
import { useReplayState } from './use-replay-state'
import { ReplaySpeed } from './ReplaySpeed'
import { overviewBalances, overviewSpans } from './overview-rows'
import { useRunBalances, useRunOverview } from './use-run-overview'
import { useRunSeries, WHOLE_RUN_EVENTS } from './use-run-series'

interface Props {
  client: LabClient
  run: RunSummary
  onBranched: () => void
  onClose: () => void
}

/**
 * A saved run, scrubbed clock by clock: every view shows the state at the scrubbed clock. A long
 * run's charts show the whole run in buckets, the main side's summary, until the user zooms into
 * the clocks around the scrubber, which chart clock by clock.
 */
export function ReplayView({ client, run, onBranched, onClose }: Props) {
  const [clock, setClock] = useState(0)
  const [playing, setPlaying] = useState(false)
  const [selected, setSelected] = useState<string | null>(null)
  const [blockHash, setBlockHash] = useState<string | null>(null)
  const [branchError, setBranchError] = useState<string | null>(null)
  const [verdict, setVerdict] = useState<string | null>(null)
  const [verifying, setVerifying] = useState(false)
  const [verifyProgress, setVerifyProgress] = useState<number | null>(null)
  const [speed, setSpeed] = useState(5)
  const runLog = useRunLog(client, run.id)
  const notify = useNotify()
  const messages = useClockMessages(client, run.id, clock)
  useEffect(
    () =>
      client.subscribe('verify-progress', (p) => {
        if (p.runId === run.id && p.total > 0)
          setVerifyProgress(Math.round((100 * p.done) / p.total))
      }),
    [client, run.id],
  )
  // The state at the scrubbed clock, with the chain and tree of the node shown only (the first
  // answer, before the nodes are known, has them all).
  const [firstNode, setFirstNode] = useState<string | null>(null)
  const { state, error: stateError } = useReplayState(client, run.id, clock, selected ?? firstNode)
  if (firstNode === null && state?.nodes[0]) setFirstNode(state.nodes[0].id)
  const error = branchError ?? stateError
  // The node list only changes with the run, not with the clock: keep it stable for the loader.
  const nodeKey = state?.nodes.map((n) => n.id).join(',') ?? ''
  const nodes = useMemo(() => (nodeKey ? nodeKey.split(',') : []), [nodeKey])
  const long = run.events > WHOLE_RUN_EVENTS
  const [zoomed, setZoomed] = useState(false)
  const whole = long && !zoomed
  const { series, loaded, loading } = useRunSeries(client, whole ? null : run, nodes, clock)
  const { overview, error: overviewError } = useRunOverview(client, long ? run : null, selected)
  // Derived once per answer, not on every scrubbed clock.
  const overviewCharts = useMemo(
    () => overview && { spans: overviewSpans(overview), balances: overviewBalances(overview) },
    [overview],
  )

  useEffect(() => {
    if (!playing) return
    const timer = setInterval(() => setClock((c) => (c >= run.clocks ? c : c + 1)), 1_000 / speed)
    return () => clearInterval(timer)
  }, [playing, run.clocks, speed])
  useEffect(() => {
    if (clock >= run.clocks) setPlaying(false)
  }, [clock, run.clocks])

  const summaries: NodeSummary[] = (state?.nodes ?? []).map((n) => ({
    id: n.id,
    port: null,
    started: n.started,
    clock: n.clock,
    status: n.status,
    height: n.height,
    tip: n.tip,
    pool: n.pool.length,
  }))
  const links: LinkSummary[] = []
  for (const n of state?.nodes ?? [])
    for (const p of n.peers)
      if (n.id < p.id) links.push({ a: n.id, b: p.id, up: p.up, latency: p.latency })
  const node = state?.nodes.find((n) => n.id === (selected ?? state.nodes[0]?.id))
  // A block off the main chain is not in the state's chain: its block.mined event has it whole.
  const block =
    node?.chain.find((b) => b.hash === blockHash) ??
    (blockHash ? runLog.blocks.get(blockHash) : undefined) ??
    null
  const from = series?.from ?? 0
  const to = Math.max(from + 1, series?.to ?? run.clocks)
  // A large run charts its summary and the selected node, not thousands of lines.
  const many = nodes.length > MAX_LINES
  const lines = useMemo(
    () => (many ? (selected ? [selected] : []) : nodes),
    [many, selected, nodes],
  )
  const windowCharts = useMemo(
    () =>
      series && {
        rows: series.series.window(from, to, 600, { nodes: lines, summary: true }),
        spans: series.series.statusSpans(from, to),
      },
    [series, from, to, lines],
  )
  // Balances clock by clock come from the main side's buckets (the events alone do not carry
  // them); until they come, the scrubbed state's own.
  const windowBalances = useRunBalances(client, whole ? null : run, from, to, node?.id ?? null)
  const nodeBalances = useMemo(
    () =>
      windowBalances ?? {
        balances: node ? [{ ...node.balances, clock: node.clock }] : [],
        accounts: node ? Object.keys(node.balances) : [],
      },
    [windowBalances, node],
  )
  // The charts follow the scrubber when React has time: the slider and the clock stay quick
  // while a long run's charts redraw.
  const chartClock = useDeferredValue(clock)

  return (
    <div className="replay">
      <div className="controls" role="toolbar" aria-label="Replay controls">
        <button onClick={onClose}>← Runs</button>
        <strong>
          Run {run.id}: {run.name}
        </strong>
        <button onClick={() => setPlaying((p) => !p)}>{playing ? 'Pause' : 'Play'}</button>
        <ReplaySpeed speed={speed} onChange={setSpeed} />
        <input
          type="range"
          className="scrubber"
          aria-label="scrub to clock"
          min={0}
          max={run.clocks}
          value={clock}
          onChange={(e) => setClock(Number(e.target.value))}
        />
        <span className="clock">
          clock <strong data-testid="replay-clock">{clock}</strong> / {run.clocks}
        </span>
        {long && (
          <button aria-pressed={zoomed} onClick={() => setZoomed((z) => !z)}>
            {zoomed ? 'Chart the whole run' : `Chart clock by clock around ${clock}`}
          </button>
        )}
        <button
          onClick={() =>
            client.branchRun({ id: run.id, clock }).then(
              () => {
                notify(`Branched run ${run.id} at clock ${clock}: a new live run`)
                onBranched()
              },
              (e: unknown) => setBranchError(String(e)),
            )
          }
        >
          Branch from clock {clock}
        </button>
        {verifying ? (
          <button onClick={() => void client.cancelVerify({ id: run.id })}>
            Cancel verify {verifyProgress !== null && `${verifyProgress}%`}
          </button>
        ) : (
          <button
            onClick={() => {
              setVerdict(null)
              setVerifyProgress(null)
              setVerifying(true)
              client
                .verifyRun({ id: run.id })
                .then(
                  (v) =>
                    setVerdict(
                      v.identical
                        ? `identical: ${v.events} events re-executed`
                        : `diverges at event ${v.divergence.seq}`,
                    ),
                  (e: unknown) => setVerdict(e instanceof Error ? e.message : String(e)),
                )
                .finally(() => setVerifying(false))
            }}
          >
            Verify
          </button>
        )}
        {verdict && <span className="hint">{verdict}</span>}
      </div>
      {error && (
        <p role="alert" className="error banner">
          {error}
        </p>
      )}
      <div className="live-grid">
        <section className="card graph-card">
          <NetworkGraph
            nodes={summaries}
            links={links}
            selected={node?.id ?? null}
            {...(state ? { clock: state.clock } : {})}
            messages={messages}
            onSelect={setSelected}
          />
          <Legend />
        </section>
        <section className="card node-card">{node && <NodeDetails node={node} />}</section>
      </div>
      <ReplayNetworkTree
        entries={runLog.entries}
        version={runLog.version}
        state={state}
        links={links}
        node={node?.id ?? null}
        selected={blockHash}
        onSelect={setBlockHash}
      />
      <EventLog
        entries={runLog.entries}
        version={runLog.version}
        nodes={nodes}
        clock={clock}
        note={runLog.error ?? (runLog.done ? 'the whole run' : 'loading…')}
        onPick={(event, hash) => {
          setPlaying(false)
          setClock(event.clock)
          setSelected(event.node)
          setBlockHash(hash)
        }}
      />
      {node && (
        <section className="card">
          <h3>
            Chain history of {node.id} at clock {clock}
          </h3>
          <BlockTreeView
            node={node.id}
            blocks={node.tree}
            selected={blockHash}
            onSelect={setBlockHash}
          />
          {block && <BlockDetail block={block} onClose={() => setBlockHash(null)} />}
        </section>
      )}
      {whole ? (
        overview && overviewCharts ? (
          <div data-overview={`${overview.from}-${overview.to}`}>
            <p className="hint">
              The whole run in {overview.buckets.length} buckets of{' '}
              {overview.width.toLocaleString()} clocks: heights, pools and balances as each bucket
              ends, messages, forks and reorganisations summed over it. Click a chart to scrub
              there.
            </p>
            <Charts
              nodes={overview.nodes}
              lines={lines}
              rows={overview.buckets}
              spans={overviewCharts.spans}
              balances={overviewCharts.balances}
              accounts={overview.accounts}
              from={overview.from}
              to={overview.to}
              cursor={chartClock}
              onPick={setClock}
            />
          </div>
        ) : (
          <p className="empty">{overviewError ?? 'Summarising the whole run for the charts…'}</p>
        )
      ) : (
        <>
          {series && loading && (
            <p className="hint">
              Loading the clocks around {clock}… {loaded.toLocaleString()} events so far
            </p>
          )}
          {series && windowCharts ? (
            <div data-window={`${series.from}-${series.to}`}>
              <Charts
                nodes={nodes}
                lines={lines}
                rows={windowCharts.rows}
                spans={windowCharts.spans}
                balances={nodeBalances.balances}
                accounts={nodeBalances.accounts}
                from={from}
                to={to}
                cursor={chartClock}
                onPick={setClock}
              />
            </div>
          ) : (
            <p className="empty">
              Loading the run's events for the charts… {loaded.toLocaleString()} so far
            </p>
          )}
        </>
      )}
      <Glossary />
    </div>
  )
}
