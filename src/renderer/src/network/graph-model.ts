import Graph from 'graphology'
import type { NodeStatus } from '../../../shared/engine-terms'
import type { LinkSummary, NodeSummary, SequencedEvent } from '../../../shared/api-types'
import { circleLayout } from './layout'
import { STATUS_LETTERS } from './node-words'

/**
 * The network as a graphology graph, the model the WebGL view draws. Kept apart from the view so
 * that what is drawn (positions, colours, sizes, labels) is tested without a GPU; the view only
 * hands it to sigma.
 */
export interface NodeAttributes {
  label: string
  x: number
  y: number
  size: number
  color: string
  status: NodeStatus
}

export interface EdgeAttributes {
  up: boolean
  size: number
  color: string
  /** Carried a message in the latest clock shown. */
  busy: boolean
}

export type NetworkGraphModel = Graph<NodeAttributes, EdgeAttributes>

/**
 * What the drawn graph's element offers (as `element.graphView`) to the browser tests and the
 * bench, which cannot look into WebGL: where a node is drawn, and in which status.
 */
export interface GraphView {
  /** Where a node is drawn, in page coordinates. */
  screenPosition(id: string): { x: number; y: number } | null
  /** A node's status as drawn. */
  statusOf(id: string): NodeStatus | null
}

/** Colours by node status; WebGL needs real colours, so the view reads them from the CSS. */
export type StatusPalette = Readonly<Record<NodeStatus, string>>

/** A link's colour when up, cut and busy: the theme's (graph-colors.css), at 3:1 or more. */
export interface LinkPalette {
  readonly up: string
  readonly cut: string
  readonly busy: string
}

/** Everything the graph colours: nodes by status, links by state. */
export type GraphPalette = StatusPalette & { readonly links: LinkPalette }

/** Networks larger than this show no clocks or heights in labels: they would be unreadable. */
const LABELLED = 24

/** A node's radius in pixels: large enough to click in a small network, a dot in a big one. */
export function nodeSize(count: number): number {
  if (count <= LABELLED) return 14
  return Math.max(2, Math.min(10, 60 / Math.sqrt(count)))
}

/**
 * A node's label: its status as a letter too (the legend's), never by colour alone, and an
 * attacker's strategy, so an adversarial node is marked at any size.
 */
function label(node: NodeSummary, count: number): string {
  const letter = STATUS_LETTERS[node.status]
  const text =
    count <= LABELLED ? `${node.id} [${letter}] · h${node.height}` : `${node.id} [${letter}]`
  return node.strategy ? `${text} · ⚔ ${node.strategy}` : text
}

export function edgeKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`
}

/**
 * Says cheaply whether two overviews have the same nodes and links (ignoring their state): the
 * layout is computed once per topology, and an overview arrives with every frame.
 */
export function topologyKey(nodes: readonly NodeSummary[], links: readonly LinkSummary[]): string {
  const first = nodes[0]?.id ?? ''
  const last = nodes[nodes.length - 1]?.id ?? ''
  const link = (l: LinkSummary | undefined) => (l ? edgeKey(l.a, l.b) : '')
  return `${nodes.length}:${first}:${last}:${links.length}:${link(links[0])}:${link(links[links.length - 1])}`
}

/** Builds the graph with the seed positions (on a circle) until the layout replaces them. */
export function buildGraph(
  nodes: readonly NodeSummary[],
  links: readonly LinkSummary[],
  palette: GraphPalette,
  positions?: ReadonlyMap<string, { x: number; y: number }>,
): NetworkGraphModel {
  const graph: NetworkGraphModel = new Graph({ type: 'undirected', multi: false })
  const seed =
    positions ??
    circleLayout(
      nodes.map((n) => n.id),
      1000,
    )
  const size = nodeSize(nodes.length)
  for (const node of nodes) {
    const at = seed.get(node.id) ?? { x: 0, y: 0 }
    graph.addNode(node.id, {
      label: label(node, nodes.length),
      // Screen y grows downwards, graph y upwards: flipped so node1 stays at the top.
      x: at.x,
      y: -at.y,
      size,
      color: palette[node.status],
      status: node.status,
    })
  }
  for (const link of links) {
    if (!graph.hasNode(link.a) || !graph.hasNode(link.b)) continue
    const key = edgeKey(link.a, link.b)
    if (graph.hasEdge(key)) continue
    graph.addEdgeWithKey(
      key,
      link.a,
      link.b,
      linkAttributes(link.up, false, nodes.length, palette.links),
    )
  }
  return graph
}

function linkAttributes(
  up: boolean,
  busy: boolean,
  count: number,
  colors: LinkPalette,
): EdgeAttributes {
  // A small network's links are thick enough to hit with a pointer: clicking one cuts or heals it.
  const thin = count > 200 ? 0.5 : count > LABELLED ? 1 : 3
  return {
    up,
    busy,
    size: busy ? thin * 3 : thin,
    color: !up ? colors.cut : busy ? colors.busy : colors.up,
  }
}

/**
 * Brings the graph's state up to an overview (statuses, labels, cut links) and the messages of
 * the latest clock, touching only what changed. Returns how many nodes and links changed.
 */
export function syncGraph(
  graph: NetworkGraphModel,
  nodes: readonly NodeSummary[],
  links: readonly LinkSummary[],
  palette: GraphPalette,
  messages: readonly SequencedEvent[] = [],
): number {
  let changed = 0
  for (const node of nodes) {
    if (!graph.hasNode(node.id)) continue
    const now = graph.getNodeAttributes(node.id)
    const text = label(node, nodes.length)
    // Only what is drawn: every node's clock moves on each clock, and an update per node makes
    // sigma reprocess every node and link (100 ms a clock at 2,000 nodes).
    if (now.status !== node.status || now.label !== text) {
      graph.mergeNodeAttributes(node.id, {
        status: node.status,
        color: palette[node.status],
        label: text,
      })
      changed++
    }
  }
  const busy = new Set<string>()
  for (const m of messages) if (m.kind === 'message.sent') busy.add(edgeKey(m.node, m.to))
  for (const link of links) {
    const key = edgeKey(link.a, link.b)
    if (!graph.hasEdge(key)) continue
    const now = graph.getEdgeAttributes(key)
    const isBusy = busy.has(key)
    if (now.up !== link.up || now.busy !== isBusy) {
      graph.replaceEdgeAttributes(key, linkAttributes(link.up, isBusy, nodes.length, palette.links))
      changed++
    }
  }
  return changed
}

/** Moves every node to its computed position (from the layout worker). */
export function placeNodes(
  graph: NetworkGraphModel,
  ids: readonly string[],
  positions: Float32Array,
): void {
  ids.forEach((id, i) => {
    if (!graph.hasNode(id)) return
    graph.mergeNodeAttributes(id, {
      x: positions[2 * i] as number,
      y: positions[2 * i + 1] as number,
    })
  })
}

/**
 * The node a person means by `query`: its exact name, a bare number for nodeN, else the first
 * name that starts with, then contains, what was typed. Null when none matches.
 */
export function findNode(ids: readonly string[], query: string): string | null {
  const q = query.trim().toLowerCase()
  if (!q) return null
  const exact = ids.find((id) => id.toLowerCase() === q || id.toLowerCase() === `node${q}`)
  return (
    exact ??
    ids.find((id) => id.toLowerCase().startsWith(q)) ??
    ids.find((id) => id.toLowerCase().includes(q)) ??
    null
  )
}
