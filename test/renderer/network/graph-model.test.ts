import { describe, expect, it } from 'vitest'
import type { LinkSummary, NodeSummary, SequencedEvent } from '../../../src/shared/api-types'
import {
  addLinks,
  buildGraph,
  edgeKey,
  findNode,
  nodeSize,
  placeNodes,
  syncGraph,
  topologyKey,
  type GraphPalette,
} from '../../../src/renderer/src/network/graph-model'
import { createNodeSummary } from '../../support/network-fixtures'

const palette: GraphPalette = {
  idle: 'grey',
  mining: 'orange',
  'broadcasting-block': 'blue',
  'broadcasting-tx': 'lightblue',
  'receiving-block': 'green',
  'receiving-tx': 'lightgreen',
  links: { up: 'slate', cut: 'red', busy: 'darkblue' },
}

const node = (id: string, status: NodeSummary['status'] = 'idle', height = 1) =>
  createNodeSummary(id, { status, height })

const nodes = [node('node1', 'broadcasting-block'), node('node2', 'receiving-block'), node('node3')]
const links: LinkSummary[] = [
  { a: 'node1', b: 'node2', up: true, latency: 0 },
  { a: 'node2', b: 'node3', up: false, latency: 0 },
]

describe('the network graph model (what the WebGL view draws)', () => {
  it('has every node coloured by its status, labelled with its status letter and height, and every link', () => {
    const model = buildGraph(nodes, links, palette)
    expect(model.graph.order).toBe(3)
    expect(model.graph.nodes().map((n) => model.nodes.get(n)?.color)).toEqual([
      'blue',
      'green',
      'grey',
    ])
    expect(model.nodes.get('node1')?.label).toBe('node1 [B] · h1')
    expect(model.nodes.get('node2')?.label).toBe('node2 [R] · h1')
    expect(model.nodes.get('node3')?.label).toBe('node3 [I] · h1')
    expect(model.graph.size).toBe(2)
    expect(model.edges.get(edgeKey('node2', 'node3'))?.color).toBe('red')
    expect(model.edges.get(edgeKey('node1', 'node2'))?.color).toBe('slate')
  })

  it('marks an attacking node with its strategy, in small and large networks alike', () => {
    const attacked = [{ ...node('node1'), strategy: 'selfish' as const }, node('node2')]
    const model = buildGraph(attacked, [], palette)
    expect(model.nodes.get('node1')?.label).toBe('node1 [I] · h1 · ⚔ selfish')
    expect(model.nodes.get('node2')?.label).toBe('node2 [I] · h1')
    const many = Array.from({ length: 30 }, (_, i) =>
      i === 4 ? { ...node('node5'), strategy: 'double-spend' as const } : node(`node${i + 1}`),
    )
    expect(buildGraph(many, [], palette).nodes.get('node5')?.label).toBe(
      'node5 [I] · ⚔ double-spend',
    )
  })

  it('starts node1 at the top of a circle, until the layout places the nodes', () => {
    const model = buildGraph(nodes, links, palette)
    const { graph } = model
    const ys = graph.nodes().map((n) => graph.getNodeAttribute(n, 'y'))
    expect(Math.max(...ys)).toBe(graph.getNodeAttribute('node1', 'y'))
    // The layout arrives as one change to the graph, which sigma re-indexes once.
    let updates = 0
    graph.on('eachNodeAttributesUpdated', () => updates++)
    graph.on('nodeAttributesUpdated', () => updates++)
    placeNodes(model, ['node1', 'node2', 'node3'], new Float32Array([0, 0, 1, 2, 3, 4]))
    expect(graph.getNodeAttributes('node3')).toMatchObject({ x: 3, y: 4 })
    expect(updates).toBe(1)
  })

  it('follows the overview: only what changed is touched, and named for repainting', () => {
    const model = buildGraph(nodes, links, palette)
    expect(syncGraph(model, nodes, links, palette)).toEqual({ nodes: [], edges: [] })
    const next = [node('node1'), nodes[1] as NodeSummary, node('node3', 'mining', 2)]
    const healed = [links[0] as LinkSummary, { ...(links[1] as LinkSummary), up: true }]
    expect(syncGraph(model, next, healed, palette)).toEqual({
      nodes: ['node1', 'node3'],
      edges: [edgeKey('node2', 'node3')],
    })
    expect(model.nodes.get('node1')?.color).toBe('grey')
    expect(model.nodes.get('node3')?.label).toBe('node3 [M] · h2')
    expect(model.edges.get(edgeKey('node2', 'node3'))?.up).toBe(true)
  })

  it('changes no graph attribute as the clock runs (which would re-index the whole graph)', () => {
    const model = buildGraph(nodes, links, palette)
    let updates = 0
    for (const event of [
      'nodeAttributesUpdated',
      'eachNodeAttributesUpdated',
      'edgeAttributesUpdated',
      'eachEdgeAttributesUpdated',
    ] as const)
      model.graph.on(event, () => updates++)
    const next = [node('node1', 'mining'), node('node2', 'idle', 2), node('node3')]
    const changes = syncGraph(model, next, [links[0] as LinkSummary], palette)
    expect(changes.nodes).toEqual(['node1', 'node2'])
    expect(updates).toBe(0)
  })

  it('highlights the links that carried a message in the clock shown', () => {
    const model = buildGraph(nodes, links, palette)
    const sent = {
      kind: 'message.sent',
      node: 'node2',
      to: 'node1',
      clock: 8,
      seq: 1,
      id: 1,
      type: 'NEW_BLOCK',
    } as unknown as SequencedEvent
    expect(syncGraph(model, nodes, links, palette, [sent]).edges).toEqual([
      edgeKey('node1', 'node2'),
    ])
    expect(model.edges.get(edgeKey('node1', 'node2'))?.color).toBe('darkblue')
    syncGraph(model, nodes, links, palette, [])
    expect(model.edges.get(edgeKey('node1', 'node2'))?.color).toBe('slate')
  })

  it('looks only at the links busy then or now while no link is cut or healed, and agrees with a full look', () => {
    // A ring of 400 nodes: its 400 links.
    const ids = Array.from({ length: 400 }, (_, i) => `node${i + 1}`)
    const ring = ids.map((id) => node(id))
    let links: LinkSummary[] = ids.map((a, i) => ({
      a,
      b: ids[(i + 1) % ids.length] as string,
      up: true,
      latency: 0,
    }))
    const sent = (i: number) =>
      ({ kind: 'message.sent', node: ids[i], to: ids[(i + 1) % ids.length] }) as SequencedEvent
    const model = buildGraph(ring, links, palette)
    let seed = 7
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    for (let clock = 0; clock < 60; clock++) {
      // Now and then a link is cut or healed: a new array, as the overview makes.
      if (clock % 10 === 5) {
        const at = Math.floor(random() * links.length)
        links = links.map((l, i) => (i === at ? { ...l, up: !l.up } : l))
      } else if (clock > 0) {
        // The same array: reading it whole is what the sync no longer does.
        Object.defineProperty(links, Symbol.iterator, {
          configurable: true,
          value: () => {
            throw new Error('read every link')
          },
        })
      }
      const messages = Array.from({ length: 5 }, () => sent(Math.floor(random() * ids.length)))
      syncGraph(model, ring, links, palette, messages)
      delete (links as { [Symbol.iterator]?: unknown })[Symbol.iterator]
      const fresh = buildGraph(ring, links, palette)
      syncGraph(fresh, ring, links, palette, messages)
      expect(model.edges).toEqual(fresh.edges)
    }
  })

  it('can leave the links out until the nodes are drawn, keeping their looks up to date', () => {
    const model = buildGraph(nodes, links, palette, { linksLater: true })
    expect(model.graph.order).toBe(3)
    expect(model.graph.size).toBe(0)
    // A link cut meanwhile is named (the repaint skips it, not yet in the graph) and drawn cut.
    const cut = [{ ...(links[0] as LinkSummary), up: false }, links[1] as LinkSummary]
    expect(syncGraph(model, nodes, cut, palette).edges).toEqual([edgeKey('node1', 'node2')])
    addLinks(model, links)
    expect(model.graph.size).toBe(2)
    expect(model.graph.hasEdge(edgeKey('node2', 'node1'))).toBe(true)
    expect(model.edges.get(edgeKey('node1', 'node2'))?.color).toBe('red')
    // Added again (a second call), nothing changes.
    addLinks(model, links)
    expect(model.graph.size).toBe(2)
  })

  it('seeds a large network over a disc, its nodes far enough apart to click one', () => {
    const many = Array.from({ length: 2000 }, (_, i) => node(`node${i + 1}`))
    const { graph } = buildGraph(many, [], palette)
    const at = graph.nodes().map((n) => graph.getNodeAttributes(n))
    // The nearest neighbour of each of the first 50 nodes, in the seed's units (1,000 across).
    const nearest = at
      .slice(0, 50)
      .map((a) =>
        Math.min(...at.filter((b) => b !== a).map((b) => Math.hypot(a.x - b.x, a.y - b.y))),
      )
    // On one circle they were 1.4 units apart: under a pixel when drawn 400 pixels across.
    expect(Math.min(...nearest)).toBeGreaterThan(10)
  })

  it('draws a large network as dots without heights in the labels, but with status letters', () => {
    const many = Array.from({ length: 2000 }, (_, i) => node(`node${i + 1}`))
    const model = buildGraph(many, [], palette)
    expect(model.nodes.get('node7')?.label).toBe('node7 [I]')
    expect(nodeSize(2000)).toBeLessThan(nodeSize(3))
    expect(nodeSize(10_000)).toBeGreaterThanOrEqual(2)
  })

  it('knows a new topology from a changed state cheaply', () => {
    const stateChanged = [node('node1', 'mining'), nodes[1] as NodeSummary, nodes[2] as NodeSummary]
    expect(topologyKey(stateChanged, links)).toBe(topologyKey(nodes, links))
    expect(topologyKey(nodes.slice(0, 2), links)).not.toBe(topologyKey(nodes, links))
    expect(topologyKey(nodes, links.slice(0, 1))).not.toBe(topologyKey(nodes, links))
  })

  it('finds a node by its name, its number, or the start of its name', () => {
    const ids = ['node1', 'node12', 'node120', 'miner']
    expect(findNode(ids, 'node12')).toBe('node12')
    expect(findNode(ids, '120')).toBe('node120')
    expect(findNode(ids, ' NODE1 ')).toBe('node1')
    expect(findNode(ids, 'min')).toBe('miner')
    expect(findNode(ids, 'ner')).toBe('miner')
    expect(findNode(ids, 'node9')).toBeNull()
    expect(findNode(ids, '')).toBeNull()
  })
})
