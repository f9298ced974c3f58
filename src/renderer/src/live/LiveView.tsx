import { lazy, memo, Suspense, useCallback, useEffect, useMemo, useState } from 'react'
import type { Block, LinkSummary, SequencedEvent } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'
import { ApiPanel } from '../api/ApiPanel'
import { BlockDetail } from '../chain/BlockDetail'
import { BlockTreeView } from '../chain/BlockTreeView'
import { AutoSwitches } from '../controls/AutoSwitches'
import { ControlBar } from '../controls/ControlBar'
import { usePlayer } from '../controls/use-player'
import { EventLog } from '../events/EventLog'
import { useNotify } from '../notices/notices'
import { backOneClock } from './back-one-clock'
import { LiveNetworkTree } from './LiveNetworkTree'
import { Glossary } from '../help/Glossary'
import { ForkGuide } from './ForkGuide'
import { AttackGuidePanel } from './AttackGuidePanel'
import { ResetConfirm } from './ResetConfirm'
import { ReorgNotice } from '../events/ReorgNotice'
import { CreateNetworkForm } from '../network/CreateNetworkForm'
import { NetworkGraph } from '../network/NetworkGraph'
import { Legend } from '../network/Legend'
import { NodeDetails } from '../network/NodeDetails'
import { TxForm } from '../network/TxForm'
import type { LiveLab } from '../store/live-lab'
import { SeriesWindow } from '../store/series-window'
import { MAX_LINES, PICKED } from '../charts/chart-limits'
import { FramePacer } from '../charts/frame-pacer'
import { HeldWhilePlaying } from './HeldWhilePlaying'
import { useFollowedNode } from './use-followed-node'
import { usePanelsAfterGraph } from './use-panels-after-graph'
import './live.css'

/** How many clocks the live charts show. */
const CHART_WINDOW = 200
const NO_LINKS: readonly LinkSummary[] = []

// Drawn again when their own inputs change, not on every clock: while the network plays, the
// live view renders once a frame, and most clocks change neither the log nor a node's chain.
const LiveEventLog = memo(EventLog)
/**
 * The charts' code (recharts and what it needs, about half of the page's script) is loaded once
 * the frame after the charts are first rendered is on screen, not with the page: compiled and run
 * with the page, or as soon as asked for, it came before a large network's first frame.
 */
const Charts = lazy(() =>
  afterNextFrame()
    .then(() => import('../charts/Charts'))
    .then(({ Charts }) => ({ default: Charts })),
)

/** Resolves after the next frame: its animation frame, then a task once it is drawn. */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
}
const LiveBlockTree = memo(BlockTreeView)

interface Props {
  client: LabClient
  lab: LiveLab
  tab: 'network' | 'api'
}

/** The live network: controls, graph, the selected node, its chain, the charts, the API. */
export function LiveView({ client, lab, tab }: Props) {
  const network = lab.network
  const [selected, setSelected] = useState<string | null>(null)
  // The nodes picked lately, charted and laned by name when the network is too big for all.
  const [picked, setPicked] = useState<readonly string[]>([])
  const [block, setBlock] = useState<Block | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const [confirmingReset, setConfirmingReset] = useState(false)
  // A node whose transaction form the graph's menu asked for: focused once it is on screen.
  const [sendTo, setSendTo] = useState<string | null>(null)
  const notify = useNotify()
  const nodeId = selected ?? network?.nodes[0]?.id ?? null
  const select = useCallback((id: string) => {
    setSelected(id)
    setPicked((list) => [id, ...list.filter((p) => p !== id)].slice(0, PICKED))
  }, [])

  const report = useCallback(
    (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    [],
  )
  /** Runs a user's action; `said` confirms it took effect (every action answers). */
  const act = useCallback(
    async (action: () => Promise<unknown>, said?: string) => {
      setError(null)
      try {
        await action()
        if (said) notify(said)
      } catch (e) {
        report(e)
        notify(e instanceof Error ? e.message : String(e), 'failed')
      }
    },
    [report, notify],
  )
  const toggleLink = (link: LinkSummary) =>
    act(
      async () =>
        lab.accept(
          await (link.up
            ? client.cutLink({ a: link.a, b: link.b })
            : client.healLink({ a: link.a, b: link.b })),
        ),
      link.up
        ? `Cut the link ${link.a} — ${link.b}: messages on it are dropped`
        : `Healed the link ${link.a} — ${link.b}: each end announces its tip`,
    )
  const step = useCallback(
    async (clocks: number, now = false) => {
      // The compact answer: the whole overview of 2,000 nodes was 750 KB a step.
      const tick = await client.stepTick({ clocks })
      lab.acceptTick(tick, now)
      return tick.clock
    },
    [client, lab],
  )
  const player = usePlayer(step, report)
  // A large network's graph is drawn before the panels below it (usePanelsAfterGraph).
  const panels = usePanelsAfterGraph(network ? network.nodes.length : null)

  const summary = useMemo(
    () => network?.nodes.find((n) => n.id === nodeId),
    [network?.nodes, nodeId],
  )
  const { node, tree, balances, press, show } = useFollowedNode(
    client,
    nodeId,
    summary,
    network?.links ?? NO_LINKS,
    report,
  )

  /** The graph's menu and the node card alike: the card shows the request's own answer. */
  const mineOn = (id: string) =>
    act(
      async () => show(await client.mine({ node: id })),
      `${id} will mine a block (3 clocks) when it is free`,
    )

  // The charts follow every frame's clock, but a chart redraws only when the pacer gives it a
  // turn: one chart a frame, within a share of the page's time (see FramePacer). Not a deferred
  // value: with an update every frame, React restarted the deferred charts' render on every
  // frame and never finished it. A share of 15 % at most: with the six charts on screen at 30,
  // 100 and 1,000 clocks/s it kept 50, 47 and 44 fps against 49, 43 and 35 at 30 % (npm run bench
  // -- ui-3, quiet machine); less while the page loses frames (the top speeds), when a chart
  // still redraws every second or two.
  const pacer = useMemo(() => new FramePacer(0.15), [])
  // A frame carries a chart's redraw or the clock's update, not both (see LiveLab.shareFrames).
  useEffect(() => {
    lab.shareFrames((at) => pacer.takes(at))
    return () => lab.shareFrames(null)
  }, [lab, pacer])
  const chartClock = network?.clock ?? 0
  // An overview arrives every frame with new arrays: the charts' inputs stay the same objects
  // until they change (the nodes' names until the nodes change, the accounts keyed by content),
  // and the memoised charts skip the frames in between.
  const nodeIds = lab.nodeIds
  const accountsKey = network?.accounts.join(',') ?? ''
  const accounts = useMemo(() => (accountsKey ? accountsKey.split(',') : []), [accountsKey])
  const many = nodeIds.length > MAX_LINES
  const lines = useMemo(
    () => (many ? picked.filter((p) => nodeIds.includes(p)) : nodeIds),
    [many, picked, nodeIds],
  )
  const to = Math.max(chartClock, 1)
  // Not before the clock the page's series begins at: a page opened mid-run knows nothing of the
  // clocks before, and charted them as zeros.
  const from = Math.min(to, Math.max(lab.series.first, to - CHART_WINDOW + 1))
  // The series is mutable: its revision says when a window of it reads differently (events of
  // a clock may come after the clock itself).
  const revision = lab.series.revision
  // Kept from frame to frame: a frame builds the rows of its new clocks, not all 200.
  const chartWindow = useMemo(() => new SeriesWindow(lab.series, lines), [lab.series, lines])
  const rows = useMemo(
    () => chartWindow.rows(from, to),
    [chartWindow, revision, from, to], // eslint-disable-line react-hooks/exhaustive-deps
  )
  const spans = useMemo(
    () => lab.series.statusSpans(from, to),
    [lab.series, revision, from, to], // eslint-disable-line react-hooks/exhaustive-deps
  )
  const pickLogEntry = useCallback(
    (event: SequencedEvent, hash: string | null) => {
      setSelected(event.node)
      if (hash) void act(async () => setBlock(await client.getBlock({ node: event.node, hash })))
    },
    [act, client],
  )
  const pickBlock = useCallback(
    (hash: string) =>
      nodeId && act(async () => setBlock(await client.getBlock({ node: nodeId, hash }))),
    [act, client, nodeId],
  )
  const windowBalances = useMemo(
    () => balances.filter((b) => (b['clock'] ?? 0) >= from),
    [balances, from],
  )

  useEffect(() => {
    if (!sendTo || summary?.id !== sendTo) return
    const form = document.querySelector<HTMLFormElement>(
      `form[aria-label="Send a transaction to ${sendTo}"]`,
    )
    form?.querySelector<HTMLElement>('select, input')?.focus()
    setSendTo(null)
  }, [sendTo, summary])

  // Space plays and pauses, the right arrow steps (not while typing in a form).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return
      if (!network?.started) return
      if (e.key === ' ') {
        e.preventDefault()
        player.toggle()
      } else if (e.key === 'ArrowRight' && !player.playing) {
        e.preventDefault()
        void act(() => step(1, true))
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [network?.started, player, act, step])

  if (!network) return <p className="empty">Connecting to the lab…</p>
  if (tab === 'api') return <ApiPanel network={network} node={nodeId} log={lab.apiLog} />

  return (
    <>
      <ControlBar
        network={network}
        player={player}
        onStart={() => act(async () => lab.accept(await client.start({})), 'Started every node')}
        onReset={() => setConfirmingReset(true)}
        onBack={() =>
          act(async () => {
            const { info, from } = await backOneClock(client, network.clock)
            lab.accept(info)
            notify(`Back to clock ${info.clock}: a new run, branched from run ${from}`)
          })
        }
        onStep={() => act(() => step(1, true))}
        onNewNetwork={() => setCreating(true)}
      />
      {network.started && (
        <AutoSwitches
          network={network}
          setAutoMine={(interval) =>
            act(async () => lab.accept(await client.setAutoMine({ interval })))
          }
          setWorkload={(rate) => act(async () => lab.accept(await client.setWorkload({ rate })))}
        />
      )}
      {network.started && (
        <ForkGuide client={client} network={network} accept={(info) => lab.accept(info)} />
      )}
      <AttackGuidePanel client={client} log={lab.log} accept={(info) => lab.accept(info)} />
      {error && (
        <p role="alert" className="error banner">
          {error}
        </p>
      )}
      {confirmingReset && (
        <ResetConfirm
          onCancel={() => setConfirmingReset(false)}
          onReset={() => {
            setConfirmingReset(false)
            void act(async () => {
              lab.accept(await client.reset({}))
              lab.clearLog()
              // A new run: nothing of the old one's blocks or balances stays on screen.
              setBlock(null)
            }, 'Reset every node to genesis: a new run begins')
          }}
        />
      )}
      <ReorgNotice reorg={lab.lastReorg} />
      {creating && (
        <CreateNetworkForm
          client={client}
          current={network}
          onDone={(info) => {
            setCreating(false)
            if (info) {
              setSelected(null)
              lab.accept(info)
            }
          }}
        />
      )}
      {!network.started && (
        <p className="empty hint-start">
          The network is stopped. Press <strong>Start</strong>, then step or play the clock. Click a
          node to mine or send it a transaction; click a link to cut it.
        </p>
      )}
      <HeldWhilePlaying playing={player.playing} className="live-grid live-skippable">
        <section className="card graph-card">
          <NetworkGraph
            nodes={network.nodes}
            links={network.links}
            selected={nodeId}
            clock={network.clock}
            messages={lab.latestMessages}
            onSelect={select}
            onPress={(id) => press(network.nodes.find((n) => n.id === id))}
            onLink={toggleLink}
            onMine={mineOn}
            onSend={(id) => {
              select(id)
              setSendTo(id)
            }}
            onShown={panels.graphShown}
          />
          <Legend />
        </section>
        <section className="card node-card">
          {summary ? (
            <>
              <NodeDetails
                node={node && node.id === summary.id ? node : null}
                summary={summary}
                onLink={toggleLink}
              />
              <div className="row">
                <button onClick={() => mineOn(summary.id)} disabled={!summary.started}>
                  Mine on {summary.id}
                </button>
              </div>
              {summary.started && (
                <TxForm
                  key={summary.id}
                  node={summary.id}
                  accounts={network.accounts}
                  send={(tx) => client.sendTransaction({ node: summary.id, ...tx })}
                />
              )}
            </>
          ) : (
            <p className="empty">Click a node to see its chain, pool, peers and balances.</p>
          )}
        </section>
      </HeldWhilePlaying>
      {panels.shown ? (
        <>
          <HeldWhilePlaying playing={player.playing} className="live-skippable">
            <LiveNetworkTree
              client={client}
              tree={lab.tree}
              revision={lab.tree.revision}
              nodes={nodeIds}
              tips={lab.tips}
              links={network.links}
              node={nodeId}
            />
          </HeldWhilePlaying>
          <HeldWhilePlaying playing={player.playing} className="live-skippable">
            <LiveEventLog
              entries={lab.log}
              version={lab.logVersion}
              follow
              nodes={nodeIds}
              onPick={pickLogEntry}
            />
          </HeldWhilePlaying>
          <HeldWhilePlaying playing={player.playing} className="live-skippable">
            <section className="card">
              <h3>Chain history of {nodeId}</h3>
              <LiveBlockTree
                node={nodeId ?? ''}
                blocks={tree}
                selected={block?.hash ?? null}
                onSelect={pickBlock}
              />
              {block && <BlockDetail block={block} onClose={() => setBlock(null)} />}
            </section>
          </HeldWhilePlaying>
          <Suspense fallback={<section className="charts" aria-busy="true" />}>
            <Charts
              nodes={nodeIds}
              lines={lines}
              rows={rows}
              spans={spans}
              balances={windowBalances}
              accounts={accounts}
              from={from}
              to={to}
              pacer={pacer}
            />
          </Suspense>
        </>
      ) : (
        // Room kept for them, so that what is below does not jump when they come.
        <div className="panels-pending" aria-busy="true" />
      )}
      <Glossary />
    </>
  )
}
