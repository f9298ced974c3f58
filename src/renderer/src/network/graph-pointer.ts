import type Sigma from 'sigma'
import type { LinkSummary } from '../../../shared/api-types'
import {
  edgeKey,
  type EdgeAttributes,
  type NetworkGraphModel,
  type NodeAttributes,
} from './graph-model'
import { linkAtPoint, type Point } from './link-at-point'
import { nodeAtPoint } from './node-at-point'

type Renderer = Sigma<NodeAttributes, EdgeAttributes>

/** What a click on the graph calls, read when the click comes (the latest props). */
export interface PointerHandlers {
  readonly current: {
    onSelect?: (node: string) => void
    /** The pointer went down on a node: a click selecting it may follow. */
    onPress?: (node: string) => void
    onLink?: (link: LinkSummary) => void
    links: readonly LinkSummary[]
  }
}

/**
 * The graph's pointer: a click on a node selects it, a click on a link cuts or heals it, two
 * quick clicks on nodes pick two nodes (not a zoom), and a node is dragged to move it.
 * `nodesAsPoints`: the nodes are found by where they are drawn (node-at-point.ts), not by sigma's
 * picking; `linksClickable`: the links are found by their lines (link-at-point.ts).
 */
export function listenToPointer(
  renderer: Renderer,
  model: NetworkGraphModel,
  handlers: PointerHandlers,
  options: { nodesAsPoints: boolean; linksClickable: boolean },
): void {
  const { graph } = model
  const nodeAt = (at: Point): string | null =>
    options.nodesAsPoints
      ? nodeAtPoint(
          at,
          graph.mapNodes((id, place) => ({
            id,
            at: renderer.graphToViewport(place),
            radius: renderer.scaleSize(renderer.getNodeDisplayData(id)?.size ?? place.size),
          })),
        )
      : null
  // Where dots overlap (thousands on the layout's first circle), sigma's picking answers with
  // the one drawn last; the nearest to the pointer is the one meant.
  const picked = (node: string, at: Point) => (options.nodesAsPoints ? (nodeAt(at) ?? node) : node)
  renderer.on('clickNode', ({ node, event }) => handlers.current.onSelect?.(picked(node, event)))
  // The main button only: another opens a menu, not a selection.
  const main = (event: { original: MouseEvent | TouchEvent }) =>
    !('button' in event.original) || event.original.button === 0
  renderer.on('downNode', ({ node, event }) => {
    if (main(event)) handlers.current.onPress?.(picked(node, event))
  })
  renderer.on('downStage', ({ event }) => {
    const node = main(event) ? nodeAt(event) : null
    if (node) handlers.current.onPress?.(node)
  })
  const clickNodeAt = (at: Point) => {
    const node = nodeAt(at)
    if (node) handlers.current.onSelect?.(node)
    return node !== null
  }
  const linkAt = (at: Point) =>
    options.linksClickable
      ? linkAtPoint(at, handlers.current.links, (id) =>
          graph.hasNode(id) ? renderer.graphToViewport(graph.getNodeAttributes(id)) : null,
        )
      : null
  // Sigma takes a click that follows another within 300 ms for the second of a double
  // click: on a link, that is a click on it (two links cut one after the other), unless it
  // is the same link again (a double click toggles it once, not twice).
  let lastLink: { key: string; at: number } | null = null
  const clickLink = (at: Point, second: boolean) => {
    const link = linkAt(at)
    if (!link) return false
    const key = edgeKey(link.a, link.b)
    const now = performance.now()
    const again = second && lastLink?.key === key && now - lastLink.at < 500
    lastLink = { key, at: now }
    if (!again) handlers.current.onLink?.(link)
    return true
  }
  renderer.on('clickStage', ({ event }) => {
    if (!clickNodeAt(event)) clickLink(event, false)
  })
  renderer.on('doubleClickStage', (e) => {
    if (clickNodeAt(e.event) || clickLink(e.event, true)) e.preventSigmaDefault()
  })
  // Two quick clicks on nodes pick two nodes; sigma would take them for a zoom.
  renderer.on('doubleClickNode', (e) => {
    e.preventSigmaDefault()
    handlers.current.onSelect?.(picked(e.node, e.event))
  })
  dragNodes(renderer, model, nodeAt)
}

/** Drag a node to move it (sigma's own recipe): the camera stays put while a node moves. */
function dragNodes(
  renderer: Renderer,
  model: NetworkGraphModel,
  nodeAt: (at: Point) => string | null,
) {
  const graph = model.graph
  let dragged: string | null = null
  renderer.on('downNode', ({ node, event }) => {
    dragged = nodeAt(event) ?? node
  })
  renderer.on('downStage', ({ event }) => {
    dragged = nodeAt(event)
  })
  renderer.on('moveBody', ({ event }) => {
    // A release sigma did not report as on a node or the stage (quick clicks): no button, no drag.
    if (dragged && 'buttons' in event.original && event.original.buttons === 0) dragged = null
    if (!dragged) return
    const at = renderer.viewportToGraph(event)
    graph.mergeNodeAttributes(dragged, { x: at.x, y: at.y })
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
