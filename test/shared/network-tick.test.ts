import { describe, expect, it } from 'vitest'
import type { LinkSummary, NetworkInfo, NodeSummary } from '../../src/shared/api-types'
import { applyNetworkTick, toNetworkTick } from '../../src/shared/network-tick'
import { NODE_STATUSES, type NodeStatus } from '../../src/core/node-status'

/** An overview of `count` nodes on a ring, every node at `clock` on the same tip. */
function createOverview(count: number, clock = 10): NetworkInfo {
  const nodes: NodeSummary[] = Array.from({ length: count }, (_, i) => ({
    id: `node${i + 1}`,
    port: 50082 + i,
    started: true,
    clock,
    status: 'idle',
    height: 3,
    tip: 'a'.repeat(64),
    pool: 0,
  }))
  const links: LinkSummary[] = nodes.map((n, i) => ({
    a: n.id,
    b: nodes[(i + 1) % count]!.id,
    up: true,
    latency: 1,
  }))
  return {
    clock,
    started: true,
    dialect: 'readme',
    topology: 'ring',
    seed: 1,
    difficulty: 8,
    latency: 1,
    autoMine: 20,
    workload: null,
    genesis: [{ recipient: 'aki', value: 10 }],
    accounts: ['aki'],
    nodes,
    links,
    attack: null,
    hosting: { mode: 'in-process', workers: 0 },
  }
}

/** The overview after a clock in which node2 mined a block, node3 took a transaction and a link was cut. */
function nextClock(before: NetworkInfo): NetworkInfo {
  return {
    ...before,
    clock: before.clock + 1,
    workload: 0.5,
    nodes: before.nodes.map((n) =>
      n.id === 'node2'
        ? { ...n, clock: n.clock + 1, status: 'broadcasting-block', height: 4, tip: 'b'.repeat(64) }
        : n.id === 'node3'
          ? { ...n, clock: n.clock + 1, status: 'receiving-tx', pool: 1 }
          : { ...n, clock: n.clock + 1 },
    ),
    links: before.links.map((l, i) => (i === 1 ? { ...l, up: false } : l)),
  }
}

describe('the compact overview (network tick)', () => {
  it('brings an overview to the next clock exactly as the whole overview says it', () => {
    const before = createOverview(5)
    const after = nextClock(before)
    expect(applyNetworkTick(before, toNetworkTick(after))).toEqual(after)
  })

  it('keeps the nodes and links that did not change as the same objects', () => {
    const before = createOverview(5)
    const after = applyNetworkTick(before, toNetworkTick({ ...before, workload: 1 }))!
    expect(after.workload).toBe(1)
    expect(after.links).toBe(before.links)
    after.nodes.forEach((n, i) => expect(n).toBe(before.nodes[i]))
    const moved = applyNetworkTick(before, toNetworkTick(nextClock(before)))!
    expect(moved.links).not.toBe(before.links)
    expect(moved.links[0]).toBe(before.links[0])
    expect(moved.links[1]).toEqual({ ...before.links[1], up: false })
  })

  it('says each node its own clock only when the nodes are at different clocks', () => {
    const info = createOverview(3)
    expect(toNetworkTick(info).clocks).toBe(10)
    const apart = { ...info, nodes: info.nodes.map((n, i) => ({ ...n, clock: 8 + i })) }
    expect(toNetworkTick(apart).clocks).toEqual([8, 9, 10])
    expect(applyNetworkTick(info, toNetworkTick(apart))).toEqual(apart)
  })

  it('lists the nodes not started, and the distinct tips once', () => {
    const info = createOverview(4)
    const stopped = {
      ...info,
      started: false,
      nodes: info.nodes.map((n, i) => (i === 2 ? { ...n, started: false } : n)),
    }
    const tick = toNetworkTick(stopped)
    expect(tick.stopped).toEqual([2])
    expect(tick.tips).toEqual(['a'.repeat(64)])
    expect(applyNetworkTick(info, tick)).toEqual(stopped)
  })

  it('does not apply to an overview of another network (other counts of nodes or links)', () => {
    expect(applyNetworkTick(createOverview(4), toNetworkTick(createOverview(5)))).toBeNull()
    const fewerLinks = { ...createOverview(4), links: createOverview(4).links.slice(1) }
    expect(applyNetworkTick(createOverview(4), toNetworkTick(fewerLinks))).toBeNull()
  })

  it("says every node's status, one digit each, however many nodes there are", () => {
    const info = createOverview(20_000)
    const varied = {
      ...info,
      nodes: info.nodes.map((n, i) => ({
        ...n,
        status: NODE_STATUSES[(i * 7 + (i >> 9)) % NODE_STATUSES.length] as NodeStatus,
      })),
    }
    const tick = toNetworkTick(varied)
    // One digit a node holds ten statuses at most.
    expect(NODE_STATUSES.length).toBeLessThanOrEqual(10)
    expect(tick.statuses).toHaveLength(20_000)
    expect(applyNetworkTick(info, tick)).toEqual(varied)
  })

  it('carries 2,000 nodes in a small part of the whole overview', () => {
    const info = nextClock(createOverview(2_000))
    const whole = JSON.stringify(info).length
    const tick = JSON.stringify(toNetworkTick(info)).length
    expect(tick * 10).toBeLessThan(whole)
  })
})
