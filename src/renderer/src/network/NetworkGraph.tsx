import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import type Sigma from 'sigma'
import type { LinkSummary, NodeSummary, SequencedEvent } from '../../../shared/api-types'
import {
  buildGraph,
  edgeKey,
  findNode,
  placeNodes,
  syncGraph,
  topologyKey,
  type EdgeAttributes,
  type GraphView,
  type NetworkGraphModel,
  type NodeAttributes,
  type GraphPalette,
} from './graph-model'
import { HOVER_LABEL, readLabelColor, readPalette } from './graph-palette'
import { layoutOf } from './run-layout'
import { linkAtPoint } from './link-at-point'
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
  onLink?: (link: LinkSummary) => void
}

/**
 * Beyond this many nodes, links are not clickable: the lines are so many and so dense that a
 * click on the background would nearly always land on one (the node's menu cuts them instead).
 */
const LINKS_CLICKABLE_UP_TO = 200

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
  onLink,
  onMine,
  onSend,
  moreActions,
}: Props) {
  const container = useRef<HTMLDivElement>(null)
  const sigma = useRef<Sigma<NodeAttributes, EdgeAttributes> | null>(null)
  const graph = useRef<NetworkGraphModel | null>(null)
  const palette = useRef<GraphPalette | null>(null)
  const selectedRef = useRef(selected)
  // The node the keyboard is on (NodeNavigator), drawn highlighted like the selected one.
  const activeRef = useRef<string | null>(null)
  const handlers = useRef({ onSelect, onLink, links })
  handlers.current = { onSelect, onLink, links }
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
    palette.current = readPalette(element)
    const model = buildGraph(nodes, links, palette.current)
    graph.current = model
    element.removeAttribute('data-drawn')
    element.removeAttribute('data-layout')
    // Sigma's module itself needs WebGL 2 to load (happy-dom, very old browsers lack it).
    if (typeof WebGL2RenderingContext === 'undefined') {
      setFailed('no WebGL 2')
      return
    }
    void Promise.all([import('sigma'), import('sigma/rendering')])
      .then(([{ default: SigmaClass }, { drawDiscNodeHover }]) => {
        if (cancelled) return
        renderer = new SigmaClass<NodeAttributes, EdgeAttributes>(model, element, {
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
          zIndex: true,
          // Room for the labels, drawn to the right of the nodes, of a small network.
          stagePadding: nodes.length <= 24 ? 60 : 20,
          nodeReducer: (node, data) =>
            node === selectedRef.current
              ? { ...data, highlighted: true, size: data.size * 1.6, zIndex: 1 }
              : node === activeRef.current
                ? { ...data, highlighted: true, size: data.size * 1.3, zIndex: 1 }
                : data,
        })
        sigma.current = renderer
        // Sigma drew the graph once while being made, before any listener could hear it.
        element.setAttribute('data-drawn', String(model.order))
        ;(element as HTMLDivElement & { graphView?: GraphView }).graphView = {
          screenPosition: (id) => {
            if (!model.hasNode(id) || !renderer) return null
            const at = renderer.graphToViewport(model.getNodeAttributes(id))
            const box = element.getBoundingClientRect()
            return { x: box.left + at.x, y: box.top + at.y }
          },
          statusOf: (id) => (model.hasNode(id) ? model.getNodeAttribute(id, 'status') : null),
        }
        renderer.on('afterRender', () => {
          element.setAttribute('data-drawn', String(model.order))
          const shown = element.getAttribute('data-pending-clock')
          if (shown !== null) element.setAttribute('data-clock', shown)
        })
        renderer.on('clickNode', ({ node }) => handlers.current.onSelect?.(node))
        const linkAt = (at: { x: number; y: number }) => {
          if (model.order > LINKS_CLICKABLE_UP_TO || !renderer) return null
          const drawn = renderer
          return linkAtPoint(at, handlers.current.links, (id) =>
            model.hasNode(id) ? drawn.graphToViewport(model.getNodeAttributes(id)) : null,
          )
        }
        // Sigma takes a click that follows another within 300 ms for the second of a double
        // click: on a link, that is a click on it (two links cut one after the other), unless it
        // is the same link again (a double click toggles it once, not twice).
        let lastLink: { key: string; at: number } | null = null
        const clickLink = (at: { x: number; y: number }, second: boolean) => {
          const link = linkAt(at)
          if (!link) return false
          const key = edgeKey(link.a, link.b)
          const now = performance.now()
          const again = second && lastLink?.key === key && now - lastLink.at < 500
          lastLink = { key, at: now }
          if (!again) handlers.current.onLink?.(link)
          return true
        }
        renderer.on('clickStage', ({ event }) => void clickLink(event, false))
        renderer.on('doubleClickStage', (e) => {
          if (clickLink(e.event, true)) e.preventSigmaDefault()
        })
        dragNodes(renderer, model)
        // Two quick clicks on nodes pick two nodes; sigma would take them for a zoom.
        renderer.on('doubleClickNode', (e) => {
          e.preventSigmaDefault()
          handlers.current.onSelect?.(e.node)
        })
        // The layout arrives later, from the worker, and is kept for this topology.
        const ids = nodes.map((n) => n.id)
        void layoutOf(key, ids, links, (id) => {
          const a = model.getNodeAttributes(id)
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
      })
      .catch((e: unknown) => {
        if (!cancelled) setFailed(e instanceof Error ? e.message : String(e))
      })
    return () => {
      cancelled = true
      renderer?.kill()
      sigma.current = null
    }
    // Only the topology (its key) makes a new graph; the state is synced by the next effect.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- nodes and links are read through the key
  }, [key])

  // State: statuses, labels, cut and busy links; sigma redraws what changed on its next frame.
  useEffect(() => {
    const model = graph.current
    const element = container.current
    if (!model || !palette.current || !element) return
    if (clock !== undefined) element.setAttribute('data-pending-clock', String(clock))
    const changed = syncGraph(model, nodes, links, palette.current, messages)
    if (changed === 0 && clock !== undefined) element.setAttribute('data-clock', String(clock))
  }, [nodes, links, messages, clock])

  useEffect(() => {
    selectedRef.current = selected
    sigma.current?.refresh({ skipIndexation: true })
  }, [selected])

  const onActive = useCallback((id: string | null) => {
    activeRef.current = id
    sigma.current?.refresh({ skipIndexation: true })
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

/** Drag a node to move it (sigma's own recipe): the camera stays put while a node moves. */
function dragNodes(renderer: Sigma<NodeAttributes, EdgeAttributes>, model: NetworkGraphModel) {
  let dragged: string | null = null
  renderer.on('downNode', ({ node }) => {
    dragged = node
  })
  renderer.on('moveBody', ({ event }) => {
    // A release sigma did not report as on a node or the stage (quick clicks): no button, no drag.
    if (dragged && 'buttons' in event.original && event.original.buttons === 0) dragged = null
    if (!dragged) return
    const at = renderer.viewportToGraph(event)
    model.mergeNodeAttributes(dragged, { x: at.x, y: at.y })
    event.preventSigmaDefault()
    event.original.preventDefault()
    event.original.stopPropagation()
  })
  const drop = () => {
    dragged = null
  }
  renderer.on('upNode', drop)
  renderer.on('upStage', drop)
  renderer.getMouseCaptor().on('mouseup', drop)
}
