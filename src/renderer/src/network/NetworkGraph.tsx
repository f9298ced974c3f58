import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import type Sigma from 'sigma'
import type { LinkSummary, NodeSummary, SequencedEvent } from '../../../shared/api-types'
import {
  addLinks,
  buildGraph,
  findNode,
  placeNodes,
  syncGraph,
  topologyKey,
  type EdgeAttributes,
  type GraphChanges,
  type GraphView,
  type NetworkGraphModel,
  type NodeAttributes,
  type GraphPalette,
} from './graph-model'
import { HOVER_LABEL, readLabelColor, readPalette } from './graph-palette'
import { layoutOf } from './run-layout'
import { listenToPointer } from './graph-pointer'
import { RepaintScheduler, repaintGapMs } from './repaint-scheduler'
import { loadSigma, sigmaIfLoaded, type SigmaModules } from './sigma-loader'
import { NodeNavigator, type NodeActions } from './NodeNavigator'
import './graph.css'

interface Props extends Omit<NodeActions, 'onLink'> {
  nodes: readonly NodeSummary[]
  links: readonly LinkSummary[]
  selected: string | null
  /** The clock the overview is of; the drawn graph says it in `data-clock` once drawn. */
  clock?: number
  /** Messages sent in the clock shown: their links are drawn busy. */
  messages?: readonly SequencedEvent[]
  onSelect?: (node: string) => void
  /** The pointer went down on a node (its details may be asked for before the click). */
  onPress?: (node: string) => void
  onLink?: (link: LinkSummary) => void
  /**
   * 'at-once': every new state is repainted in the next frame, whatever the network's size (a
   * replay's: each state is a clock a person scrubbed to and waits for). 'paced' (the default): a
   * large network's repaints are spaced by what they cost, as a playing network's states come
   * every frame.
   */
  repaint?: 'paced' | 'at-once'
  /**
   * Told once a topology's first frame is on screen, or that it cannot be drawn: what the page
   * waits for before rendering what it shows below a large graph (usePanelsAfterGraph).
   */
  onShown?: () => void
}

/**
 * Beyond this many nodes, links are not clickable: the lines are so many and so dense that a
 * click on the background would nearly always land on one (the node's menu cuts them instead).
 */
const LINKS_CLICKABLE_UP_TO = 200

/**
 * Beyond this many nodes, links are drawn as one-pixel lines and nodes as points, WebGL's
 * cheapest shapes: drawn in software (no GPU, as in headless Chromium), sigma's antialiased
 * rectangles and discs made each frame of 2,000 nodes five times as long, at sizes where nothing
 * of them shows but a dot and a line.
 */
const DRAWN_PLAIN_FROM = 200

/**
 * From this many nodes, the nodes are drawn first and the links a frame later (see addLinks): a
 * 10,000-node network's 40,000 links take the software rasteriser about a second. Below it, the
 * nodes and links come in one frame, which is sooner on screen than two: 2,000 nodes and their
 * links were on screen at a median 1,213 ms in one frame against 1,302 ms in two (the nodes alone
 * at 1,171), six page loads each in turn at load 6-9.
 */
const LINKS_LATER_FROM = 5_000

/**
 * The network as a graph drawn with WebGL (sigma.js on a graphology model), for 3 nodes or
 * 10,000: nodes coloured by status, links (busy ones highlighted, cut ones red), zoom with the
 * wheel, pan by dragging the background, drag a node to move it, fit to screen, find by name.
 * The layout is computed once per topology in a worker; until it arrives, nodes sit on a circle.
 */
export function NetworkGraph({
  nodes,
  links,
  selected,
  clock,
  messages = [],
  onSelect,
  onPress,
  onLink,
  onMine,
  onSend,
  moreActions,
  repaint = 'paced',
  onShown,
}: Props) {
  const container = useRef<HTMLDivElement>(null)
  const sigma = useRef<Sigma<NodeAttributes, EdgeAttributes> | null>(null)
  const graph = useRef<NetworkGraphModel | null>(null)
  const shownSelected = useRef<string | null>(null)
  const painter = useRef<RepaintScheduler | null>(null)
  const palette = useRef<GraphPalette | null>(null)
  // The overview last rendered: what the next repaint brings the looks up to.
  const latest = useRef({ nodes, links, messages, clock })
  const selectedRef = useRef(selected)
  // The node the keyboard is on (NodeNavigator), drawn highlighted like the selected one.
  const activeRef = useRef<string | null>(null)
  const handlers = useRef({ onSelect, onPress, onLink, links })
  handlers.current = { onSelect, onPress, onLink, links }
  const shownRef = useRef(onShown)
  shownRef.current = onShown
  const [failed, setFailed] = useState<string | null>(null)
  const [query, setQuery] = useState('')
  const [notFound, setNotFound] = useState<string | null>(null)
  const key = topologyKey(nodes, links)

  // A new sigma per topology; state changes only update the model below.
  useEffect(() => {
    const element = container.current
    if (!element) return
    let cancelled = false
    let renderer: Sigma<NodeAttributes, EdgeAttributes> | null = null
    // Where the time to a graph's first frame goes, for the browser's profiler and the bench
    // (ui-large): begun (the page's first render with this topology done), built, drawn.
    performance.mark('network-graph:begun')
    palette.current = readPalette(element)
    // A very large network's nodes are drawn first, its links a frame later (see addLinks).
    const linksLater = nodes.length >= LINKS_LATER_FROM
    const model = buildGraph(nodes, links, palette.current, { linksLater })
    graph.current = model
    performance.mark('network-graph:built')
    element.removeAttribute('data-drawn')
    element.removeAttribute('data-links-drawn')
    element.removeAttribute('data-layout')
    // Work put off until the frame being drawn is on screen: the next animation frame's callback
    // runs before that frame's paint, a task queued from it after. One at a time (see draw).
    let paintFrame: number | undefined
    let paintTimer: ReturnType<typeof setTimeout> | undefined
    const afterPaint = (then: () => void) => {
      paintFrame = requestAnimationFrame(() => {
        paintTimer = setTimeout(() => {
          if (!cancelled) then()
        }, 0)
      })
    }
    let visibility: IntersectionObserver | undefined
    // Sigma's module itself needs WebGL 2 to load (happy-dom, very old browsers lack it).
    if (typeof WebGL2RenderingContext === 'undefined') {
      setFailed('no WebGL 2')
      shownRef.current?.()
      return
    }
    const draw = ([{ default: SigmaClass }, rendering]: SigmaModules) => {
      const { drawDiscNodeHover, EdgeLineProgram, NodePointProgram } = rendering
      const plain = nodes.length > DRAWN_PLAIN_FROM
      renderer = new SigmaClass<NodeAttributes, EdgeAttributes>(model.graph, element, {
        ...(plain
          ? {
              nodeProgramClasses: { circle: NodePointProgram },
              edgeProgramClasses: { line: EdgeLineProgram },
            }
          : {}),
        // Links are picked by their geometry (clickStage below), not by sigma's edge events.
        enableEdgeEvents: false,
        renderEdgeLabels: false,
        // Labels are text: the theme's text colour on the card, and dark in the white box
        // sigma draws behind a hovered or selected node's label.
        labelColor: { color: readLabelColor(element) },
        defaultDrawNodeHover: (context, data, settings) =>
          drawDiscNodeHover(context, data, {
            ...settings,
            labelColor: { color: HOVER_LABEL.color },
          }),
        labelRenderedSizeThreshold: nodes.length <= 24 ? 0 : 8,
        hideEdgesOnMove: nodes.length > 2_000,
        // Room for the labels, drawn to the right of the nodes, of a small network.
        stagePadding: nodes.length <= 24 ? 60 : 20,
        // The looks that change with the clock are beside the graph (see graph-model.ts).
        // A highlighted node is drawn again on a layer above the others.
        nodeReducer: (node, data) => {
          const look = { ...data, ...model.nodes.get(node) }
          return node === selectedRef.current
            ? { ...look, highlighted: true, size: data.size * 1.6 }
            : node === activeRef.current
              ? { ...look, highlighted: true, size: data.size * 1.3 }
              : look
        },
        edgeReducer: (edge, data) => ({ ...data, ...model.edges.get(edge) }),
      })
      sigma.current = renderer
      shownSelected.current = selectedRef.current
      painter.current = new RepaintScheduler(renderer, repaintGapMs(model.edges.size), {
        node: (id) => model.graph.hasNode(id),
        edge: (key) => model.graph.hasEdge(key),
        sync: () => syncLatest(model, element),
      })
      // Out of view (the page scrolled to the charts), the graph is not repainted until it is
      // back: the charts below then have the page's frames to themselves.
      if (typeof IntersectionObserver !== 'undefined') {
        visibility = new IntersectionObserver((entries) =>
          painter.current?.hold(!entries.some((e) => e.isIntersecting)),
        )
        visibility.observe(element)
      }
      // Sigma drew the graph once while being made, before any listener could hear it.
      performance.mark('network-graph:drawn')
      element.setAttribute('data-drawn', String(model.graph.order))
      ;(element as HTMLDivElement & { graphView?: GraphView }).graphView = {
        screenPosition: (id) => {
          if (!model.graph.hasNode(id) || !renderer) return null
          const at = renderer.graphToViewport(model.graph.getNodeAttributes(id))
          const box = element.getBoundingClientRect()
          return { x: box.left + at.x, y: box.top + at.y }
        },
        statusOf: (id) => model.nodes.get(id)?.status ?? null,
      }
      if (!linksLater) element.setAttribute('data-links-drawn', String(model.graph.size))
      renderer.on('afterRender', () => {
        element.setAttribute('data-drawn', String(model.graph.order))
        if (model.graph.size > 0 || links.length === 0)
          element.setAttribute('data-links-drawn', String(model.graph.size))
        const shown = element.getAttribute('data-pending-clock')
        if (shown !== null) element.setAttribute('data-clock', shown)
      })
      // Shown once the frame sigma drew is on screen. The links come once the nodes' frame is,
      // and the graph is shown after theirs: what waits for it would otherwise take the thread
      // before the links' frame.
      const shown = () => shownRef.current?.()
      if (linksLater)
        afterPaint(() => {
          addLinks(model, links)
          afterPaint(shown)
        })
      else afterPaint(shown)
      listenToPointer(renderer, model, handlers, {
        nodesAsPoints: plain,
        linksClickable: model.graph.order <= LINKS_CLICKABLE_UP_TO,
      })
      // The layout arrives later, from the worker, and is kept for this topology.
      const ids = nodes.map((n) => n.id)
      void layoutOf(key, ids, links, (id) => {
        const a = model.graph.getNodeAttributes(id)
        return { x: a.x, y: a.y }
      }).then((positions) => {
        if (cancelled || graph.current !== model) return
        if (positions) {
          placeNodes(model, ids, positions)
          // A full refresh: sigma's per-node updates keep the old frame, and the layout's
          // coordinates are on another scale than the seed's.
          renderer?.refresh()
        }
        element.setAttribute('data-layout', positions ? 'done' : 'seed')
      })
    }
    const fail = (e: unknown) => {
      if (cancelled) return
      setFailed(e instanceof Error ? e.message : String(e))
      shownRef.current?.()
    }
    // Drawn in this task when sigma has arrived (it is asked for as the page loads), so that the
    // graph is on screen before the rest of the page's first renders take the thread.
    const modules = sigmaIfLoaded()
    if (modules) {
      try {
        draw(modules)
      } catch (e) {
        fail(e)
      }
    } else
      loadSigma()
        .then((m) => {
          if (!cancelled) draw(m)
        })
        .catch(fail)
    return () => {
      cancelled = true
      if (paintFrame !== undefined) cancelAnimationFrame(paintFrame)
      clearTimeout(paintTimer)
      visibility?.disconnect()
      painter.current?.stop()
      painter.current = null
      renderer?.kill()
      sigma.current = null
    }
    // Only the topology (its key) makes a new graph; the state is synced by the next effect.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- nodes and links are read through the key
  }, [key])

  // State: statuses, labels, cut and busy links. The scheduler syncs the looks to the latest
  // overview when it next repaints (overviews can come every frame; repaints cannot).
  latest.current = { nodes, links, messages, clock }
  useEffect(() => {
    const model = graph.current
    const element = container.current
    if (!model || !element) return
    const paint = painter.current
    if (repaint === 'at-once') paint?.now(syncLatest(model, element))
    else if (paint?.paced) paint.changed()
    else {
      const changes = syncLatest(model, element)
      if (changes.nodes.length + changes.edges.length > 0) paint?.add(changes)
    }
  }, [nodes, links, messages, clock, repaint])

  /**
   * Brings the looks up to the latest overview and names what changed; the graph says it shows
   * that clock once what changed is repainted (`data-clock`, set after sigma's render), or at
   * once if nothing did.
   */
  const syncLatest = (model: NetworkGraphModel, element: HTMLElement): GraphChanges => {
    const { nodes, links, messages, clock } = latest.current
    if (!palette.current) return { nodes: [], edges: [] }
    const changes = syncGraph(model, nodes, links, palette.current, messages)
    if (clock !== undefined) {
      const shown =
        changes.nodes.length + changes.edges.length === 0 &&
        painter.current !== null &&
        !painter.current.pending
      element.setAttribute(shown ? 'data-clock' : 'data-pending-clock', String(clock))
    }
    return changes
  }

  // A selection repaints two nodes: the one it leaves and the one it picks.
  useEffect(() => {
    selectedRef.current = selected
    const was = shownSelected.current
    shownSelected.current = selected
    if (was !== selected)
      painter.current?.soon({ nodes: [was, selected].filter(isString), edges: [] })
  }, [selected])

  const onActive = useCallback((id: string | null) => {
    const was = activeRef.current
    activeRef.current = id
    if (was !== id) painter.current?.soon({ nodes: [was, id].filter(isString), edges: [] })
  }, [])

  const find = (e: FormEvent) => {
    e.preventDefault()
    const id = findNode(
      nodes.map((n) => n.id),
      query,
    )
    setNotFound(id ? null : query)
    if (!id) return
    onSelect?.(id)
    const renderer = sigma.current
    const at = renderer?.getNodeDisplayData(id)
    if (renderer && at)
      void renderer.getCamera().animate({ x: at.x, y: at.y, ratio: 0.3 }, { duration: 300 })
  }

  return (
    <div className="graph-box">
      <div className="graph-tools" role="toolbar" aria-label="Graph view">
        <button onClick={() => void sigma.current?.getCamera().animatedZoom({ duration: 200 })}>
          Zoom in
        </button>
        <button onClick={() => void sigma.current?.getCamera().animatedUnzoom({ duration: 200 })}>
          Zoom out
        </button>
        <button onClick={() => void sigma.current?.getCamera().animatedReset({ duration: 200 })}>
          Fit
        </button>
        <form onSubmit={find} className="graph-find">
          <input
            aria-label="find a node"
            placeholder="find node…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <button type="submit">Find</button>
        </form>
      </div>
      {notFound && (
        <p role="alert" className="error">
          No node named “{notFound}”.
        </p>
      )}
      {failed ? (
        <p className="empty">The graph needs WebGL, which this browser lacks ({failed}).</p>
      ) : null}
      <div
        ref={container}
        className="graph-view"
        role="img"
        aria-label={`Network of ${nodes.length} nodes`}
        data-nodes={nodes.length}
      />
      <NodeNavigator
        nodes={nodes}
        links={links}
        selected={selected}
        onSelect={onSelect}
        onActive={onActive}
        onMine={onMine}
        onSend={onSend}
        onLink={onLink}
        moreActions={moreActions}
      />
      <MessagesInFlight messages={messages} />
    </div>
  )
}

function isString(s: string | null): s is string {
  return s !== null
}

/** How many messages the graph names in words; a busy large network has thousands. */
const NAMED_MESSAGES = 20

/**
 * The messages the graph highlights, in words: WebGL draws pixels that neither a screen reader
 * nor a test can read.
 */
function MessagesInFlight({ messages }: { messages: readonly SequencedEvent[] }) {
  const sent = messages.filter((m) => m.kind === 'message.sent')
  if (sent.length === 0) return null
  return (
    <ul className="sr-only" aria-label="Messages on their way">
      {sent.slice(0, NAMED_MESSAGES).map((m) => (
        <li key={m.seq}>{`${m.type} ${m.node} → ${m.to}`}</li>
      ))}
      {sent.length > NAMED_MESSAGES && <li>{`and ${sent.length - NAMED_MESSAGES} more`}</li>}
    </ul>
  )
}
