import Graph from 'graphology'
import type { NodeStatus } from '../../../shared/engine-terms'
import type { LinkSummary, NodeSummary, SequencedEvent } from '../../../shared/api-types'
import { circleLayout, discLayout } from './layout'
import { STATUS_LETTERS } from './node-words'

/**
 * The network as the WebGL view draws it, kept apart from the view so that what is drawn
 * (positions, colours, sizes, labels) is tested without a GPU; the view only hands it to sigma.
 *
 * The graphology graph holds what changes only with the topology or the layout (where a node is,
 * how big); what changes with every clock (a node's status, a link's state) is held beside it,
 * in `nodes` and `edges`, and reaches sigma through its reducers. A change to a graph attribute
 * makes sigma re-index the whole graph on its next frame (tens of milliseconds for 2,000 nodes
 * and 8,000 links); a change beside it is repainted alone (`refresh` with `partialGraph`).
 */
export interface NodeAttributes {
  x: number
  y: number
  size: number
}

/** A node's look at the clock shown. */
export interface NodeLook {
  label: string
  color: string
  status: NodeStatus
  /** An attacker's strategy, named in its label. */
  strategy: string | null
}

/** A link's look at the clock shown. */
export interface EdgeLook {
  up: boolean
  size: number
  color: string
  /** Carried a message in the latest clock shown. */
  busy: boolean
}

/** Sigma's edges carry nothing of their own: their look is beside the graph. */
export type EdgeAttributes = Record<string, never>

export interface NetworkGraphModel {
  readonly graph: Graph<NodeAttributes, EdgeAttributes>
  readonly nodes: Map<string, NodeLook>
  readonly edges: Map<string, EdgeLook>
  /**
   * The links last synced and which were busy then: a sync with the same links (none cut or
   * healed since: the overview keeps the array) looks at the links busy then or now, not at all
   * 40,000 of a 10,000-node network.
   */
  synced?: { links: readonly LinkSummary[]; busy: ReadonlySet<string> }
}

/** The nodes and links whose look changed: the ones to repaint. */
export interface GraphChanges {
  readonly nodes: string[]
  readonly edges: string[]
}

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

/** Beyond this many nodes the seed fills a disc: on a circle they would be under a pixel apart. */
const ON_A_CIRCLE_UP_TO = 200

/**
 * Builds the graph with the seed positions (on a circle, or a disc for a large network) until
 * the layout replaces them. With `linksLater`, the links' looks are kept but the links are not
 * yet in the graph: `addLinks` puts them there once the nodes are on screen (see NetworkGraph).
 */
export function buildGraph(
  nodes: readonly NodeSummary[],
  links: readonly LinkSummary[],
  palette: GraphPalette,
  { positions, linksLater = false }: BuildOptions = {},
): NetworkGraphModel {
  const graph = new Graph<NodeAttributes, EdgeAttributes>({ type: 'undirected', multi: false })
  const model: NetworkGraphModel = { graph, nodes: new Map(), edges: new Map() }
  const ids = nodes.map((n) => n.id)
  const seed =
    positions ??
    (nodes.length > ON_A_CIRCLE_UP_TO ? discLayout(ids, 1000) : circleLayout(ids, 1000))
  const size = nodeSize(nodes.length)
  for (const node of nodes) {
    const at = seed.get(node.id) ?? { x: 0, y: 0 }
    // Screen y grows downwards, graph y upwards: flipped so node1 stays at the top.
    graph.addNode(node.id, { x: at.x, y: -at.y, size })
    model.nodes.set(node.id, nodeLook(node, nodes.length, palette))
  }
  for (const link of links) {
    if (!graph.hasNode(link.a) || !graph.hasNode(link.b)) continue
    const key = edgeKey(link.a, link.b)
    if (model.edges.has(key)) continue
    model.edges.set(key, linkLook(link.up, false, nodes.length, palette.links))
  }
  if (!linksLater) addLinks(model, links)
  return model
}

export interface BuildOptions {
  /** Where each node starts (else the seed's circle or disc). */
  positions?: ReadonlyMap<string, { x: number; y: number }>
  /** Leave the links out of the graph until `addLinks`: the nodes are drawn first. */
  linksLater?: boolean
}

/**
 * Puts the links into the graph (their looks are the model's since `buildGraph`): at 10,000
 * nodes and 40,000 links, the links are most of sigma's first indexing and of the first frame's
 * drawing in software, so such a network's nodes are drawn first and its links in the next frame.
 */
export function addLinks(model: NetworkGraphModel, links: readonly LinkSummary[]): void {
  const { graph } = model
  for (const link of links) {
    const key = edgeKey(link.a, link.b)
    if (!model.edges.has(key) || graph.hasEdge(key)) continue
    graph.addEdgeWithKey(key, link.a, link.b, {})
  }
}

function nodeLook(node: NodeSummary, count: number, palette: StatusPalette): NodeLook {
  return {
    label: label(node, count),
    color: palette[node.status],
    status: node.status,
    strategy: node.strategy ?? null,
  }
}

function linkLook(up: boolean, busy: boolean, count: number, colors: LinkPalette): EdgeLook {
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
 * Brings the looks up to an overview (statuses, labels, cut links) and the messages of the
 * latest clock, touching only what changed, and says which nodes and links did.
 */
export function syncGraph(
  model: NetworkGraphModel,
  nodes: readonly NodeSummary[],
  links: readonly LinkSummary[],
  palette: GraphPalette,
  messages: readonly SequencedEvent[] = [],
): GraphChanges {
  const changes: GraphChanges = { nodes: [], edges: [] }
  // Beyond LABELLED a label says the name, status and strategy alone: compared without making
  // 10,000 labels a sync.
  const labelled = nodes.length <= LABELLED
  for (const node of nodes) {
    const now = model.nodes.get(node.id)
    if (!now) continue
    // Not the clock: every node's moves on every clock, and it is not drawn.
    if (
      now.status !== node.status ||
      now.strategy !== (node.strategy ?? null) ||
      (labelled && now.label !== label(node, nodes.length))
    ) {
      model.nodes.set(node.id, nodeLook(node, nodes.length, palette))
      changes.nodes.push(node.id)
    }
  }
  const busy = new Set<string>()
  for (const m of messages) if (m.kind === 'message.sent') busy.add(edgeKey(m.node, m.to))
  const sync = (key: string, up: boolean) => {
    const now = model.edges.get(key)
    if (!now) return
    const isBusy = busy.has(key)
    if (now.up !== up || now.busy !== isBusy) {
      model.edges.set(key, linkLook(up, isBusy, nodes.length, palette.links))
      changes.edges.push(key)
    }
  }
  const last = model.synced
  if (last?.links === links) {
    // No link cut or healed since: only a link busy then or now can look different.
    for (const key of new Set([...last.busy, ...busy])) sync(key, model.edges.get(key)?.up ?? true)
  } else for (const link of links) sync(edgeKey(link.a, link.b), link.up)
  model.synced = { links, busy }
  return changes
}

/**
 * Moves every node to its computed position (from the layout worker), as one change to the
 * graph: sigma re-indexes it once, not once per node.
 */
export function placeNodes(
  model: NetworkGraphModel,
  ids: readonly string[],
  positions: Float32Array,
): void {
  const index = new Map(ids.map((id, i) => [id, i]))
  model.graph.updateEachNodeAttributes(
    (id, a) => {
      const i = index.get(id)
      return i === undefined
        ? a
        : { ...a, x: positions[2 * i] as number, y: positions[2 * i + 1] as number }
    },
    { attributes: ['x', 'y'] },
  )
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
