import { useEffect, useMemo, useRef, useState } from 'react'
import type { LabClient } from '../../../shared/lab-bridge'
import type { RunSummary } from '../../../shared/run-types'
import { BlockDetail } from '../chain/BlockDetail'
import { BlockTreeView } from '../chain/BlockTreeView'
import { EventLog } from '../events/EventLog'
import { NoticeSlot, useNotify } from '../notices/notices'
import { useRunLog } from '../events/use-run-log'
import { DocLink } from '../help/DocLink'
import { Glossary } from '../help/Glossary'
import { Legend } from '../network/Legend'
import { NetworkGraph } from '../network/NetworkGraph'
import { NodeDetails } from '../network/NodeDetails'
import { isLongRun, ReplayCharts } from './ReplayCharts'
import { ReplayNetworkTree } from './ReplayNetworkTree'
import { ReplaySpeed } from './ReplaySpeed'
import { replaySummaries } from './replay-graph'
import { replayNodeMenu } from './replay-node-menu'
import { useReplayPlayback } from './use-replay-playback'
import { useReplayState } from './use-replay-state'
import { VerifyRun } from './VerifyRun'

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
  const { clock, setClock, playing, setPlaying, speed, setSpeed } = useReplayPlayback(run.clocks)
  const [selected, setSelected] = useState<string | null>(null)
  // The block chosen in the network's tree, and the one in the node's chain history (or the log,
  // which selects the event's node: its chain history has the block, stale ones too): each shows
  // its own detail beside where it was chosen, never both for one choice.
  const [blockHash, setBlockHash] = useState<string | null>(null)
  const [chainBlock, setChainBlock] = useState<string | null>(null)
  const chooseTreeBlock = (hash: string | null) => {
    setBlockHash(hash)
    setChainBlock(null)
  }
  const chooseChainBlock = (hash: string | null) => {
    setChainBlock(hash)
    setBlockHash(null)
  }
  const [branchError, setBranchError] = useState<string | null>(null)
  const [zoomed, setZoomed] = useState(false)
  const notify = useNotify()
  // The state at the scrubbed clock and the messages sent in it, with the chain and tree of the
  // node shown only (the first answer, before the nodes are known, has them all).
  const [firstNode, setFirstNode] = useState<string | null>(null)
  const {
    state,
    links,
    messages,
    error: stateError,
  } = useReplayState(client, run.id, clock, selected ?? firstNode)
  if (firstNode === null && state?.nodes[0]) setFirstNode(state.nodes[0].id)
  // The log (and a long run's overview, in ReplayCharts) load once the first state is here: on
  // the lab's thread a 2,000-node run's log pages and overview took seconds, and the state's
  // answer waited behind them.
  const runLog = useRunLog(client, firstNode !== null ? run.id : null)
  const error = branchError ?? stateError
  // The node list only changes with the run, not with the clock: keep it stable for the loader.
  const nodeKey = state?.nodes.map((n) => n.id).join(',') ?? ''
  const nodes = useMemo(() => (nodeKey ? nodeKey.split(',') : []), [nodeKey])
  const summaries = useMemo(() => replaySummaries(state), [state])
  const node = state?.nodes.find((n) => n.id === (selected ?? state.nodes[0]?.id))
  // A block off the main chain is not in the state's chain: its block.mined event has it whole.
  const block =
    node?.chain.find((b) => b.hash === chainBlock) ??
    (chainBlock ? runLog.blocks.get(chainBlock) : undefined) ??
    null
  const branch = () =>
    client.branchRun({ id: run.id, clock }).then(
      () => {
        notify(`Branched run ${run.id} at clock ${clock}: a new live run`)
        onBranched()
      },
      (e: unknown) => setBranchError(String(e)),
    )

  // After the keyboard menu's "show tip": the keyboard goes to the tip's detail once drawn (its
  // close button, the way back), not back to the graph.
  const focusTip = useRef(false)
  useEffect(() => {
    if (!focusTip.current || !blockHash) return
    const detail = document.querySelector<HTMLElement>(
      '.block-detail[aria-label$="of the network"]',
    )
    if (!detail) return
    focusTip.current = false
    detail.scrollIntoView({ block: 'nearest' })
    detail.querySelector<HTMLElement>('button')?.focus()
  })

  // The graph's keyboard menu (NodeNavigator): a replay's actions look around the run.
  const nodeMenu = (id: string) =>
    replayNodeMenu(id, clock, runLog.entries, {
      select: setSelected,
      showTip: (tipOf) => {
        setSelected(tipOf)
        chooseTreeBlock(state?.nodes.find((n) => n.id === tipOf)?.tip ?? null)
        focusTip.current = true
      },
      scrub: (to) => {
        setPlaying(false)
        setClock(to)
      },
      branch: () => void branch(),
    })

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
        {isLongRun(run) && (
          <button aria-pressed={zoomed} onClick={() => setZoomed((z) => !z)}>
            {zoomed ? 'Chart the whole run' : `Chart clock by clock around ${clock}`}
          </button>
        )}
        <button onClick={() => void branch()}>Branch from clock {clock}</button>
        <VerifyRun client={client} runId={run.id} />
        <DocLink doc="recording" section="replaying-verifying-branching">
          how a replay, a verify and a branch work
        </DocLink>
        <NoticeSlot />
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
            repaint="at-once"
            onSelect={setSelected}
            moreActions={nodeMenu}
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
        onSelect={chooseTreeBlock}
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
          chooseChainBlock(hash)
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
            selected={chainBlock}
            onSelect={chooseChainBlock}
          />
          {block && <BlockDetail block={block} onClose={() => setChainBlock(null)} />}
        </section>
      )}
      <ReplayCharts
        client={client}
        run={run}
        nodes={nodes}
        selected={selected}
        node={node}
        clock={clock}
        zoomed={zoomed}
        onPick={setClock}
      />
      <Glossary />
    </div>
  )
}
