import { describe, expect, it } from 'vitest'
import {
  NetworkTreeBuilder,
  partitionSides,
  placeNetworkTree,
} from '../../../src/renderer/src/chain/network-tree'
import { forkAcceptances, hash } from '../events/log-fixtures'

const h = (name: string) => hash(name)

function treeUpTo(clock: number) {
  const builder = new NetworkTreeBuilder()
  builder.apply(forkAcceptances().filter((e) => e.clock <= clock))
  return builder
}

describe("the network's merged block tree", () => {
  it('holds every block any node accepted, with when each node accepted it, and genesis', () => {
    const tree = treeUpTo(99)
    expect([...tree.blocks.keys()].sort()).toEqual(
      [h('aaaa'), h('bbbb'), h('cccc'), h('genesis')].sort(),
    )
    expect(Object.fromEntries(tree.blocks.get(h('bbbb'))!.received)).toEqual({
      node2: 7,
      node3: 8,
      node1: 20,
    })
    expect(tree.whole.get(h('aaaa'))?.transactions).toHaveLength(1)
  })

  it('counts a revision when what it holds changes, and only then', () => {
    const tree = new NetworkTreeBuilder()
    const events = forkAcceptances()
    let seen = tree.revision
    const moved = () => {
      const was = seen
      seen = tree.revision
      return seen !== was
    }
    // A block mined, then accepted by its miner: the tree changed each time.
    tree.apply(events.slice(0, 1))
    expect(moved()).toBe(true)
    tree.apply(events.slice(1, 2))
    expect(moved()).toBe(true)
    // A clock with no block, and the same acceptance heard again: nothing to draw again.
    tree.apply([])
    tree.apply(events.slice(1, 2))
    expect(moved()).toBe(false)
    // Another node accepting a block it had not: a new line under that block.
    tree.apply(events.slice(3, 4))
    expect(moved()).toBe(true)
    // Blocks a node knew before the page opened: new ones change it, known ones do not.
    const known = { parent: h('cccc'), height: 3, miner: 'node1', transactions: 0 }
    tree.seed([{ ...known, hash: h('dddd'), onMainChain: true }])
    expect(moved()).toBe(true)
    tree.seed([{ ...known, hash: h('dddd'), onMainChain: true }])
    expect(moved()).toBe(false)
  })

  it("lays the best chain along the top, the fork below, and marks each node's tip and chain", () => {
    const tips = { node1: h('aaaa'), node2: h('cccc'), node3: h('cccc') }
    const placed = placeNetworkTree(treeUpTo(14).blocks, tips)
    const at = (name: string) => placed.find((b) => b.hash === h(name))!
    expect([at('genesis').lane, at('bbbb').lane, at('cccc').lane, at('aaaa').lane]).toEqual([
      0, 0, 0, 1,
    ])
    expect(at('aaaa')).toMatchObject({ onMainChain: false, tipOf: ['node1'], chainOf: ['node1'] })
    expect(at('cccc')).toMatchObject({ tipOf: ['node2', 'node3'] })
    expect(at('genesis').chainOf).toEqual(['node1', 'node2', 'node3'])
  })

  it("lists the nodes whose chain holds a block in the nodes' order, whichever tips they share", () => {
    const tips = { node1: h('cccc'), node2: h('aaaa'), node3: h('cccc') }
    const placed = placeNetworkTree(treeUpTo(14).blocks, tips)
    expect(placed.find((b) => b.hash === h('genesis'))!.chainOf).toEqual([
      'node1',
      'node2',
      'node3',
    ])
    expect(placed.find((b) => b.hash === h('cccc'))!.chainOf).toEqual(['node1', 'node3'])
  })

  it("shows a saved run's tree, built once, as it stood at any clock", () => {
    const whole = treeUpTo(99).blocks
    const tips = { node1: h('aaaa'), node2: h('bbbb'), node3: h('bbbb') }
    const at = (clock: number) =>
      placeNetworkTree(whole, tips, 40, clock)
        .map((b) => b.hash)
        .sort()
    expect(at(8)).toEqual(
      placeNetworkTree(treeUpTo(8).blocks, tips)
        .map((b) => b.hash)
        .sort(),
    )
    expect(at(6)).toEqual([h('genesis')])
    expect(at(13)).toContain(h('cccc'))
  })

  it('on a tie of heights, puts along the top the chain more nodes are on', () => {
    const tips = { node1: h('aaaa'), node2: h('bbbb'), node3: h('bbbb') }
    const placed = placeNetworkTree(treeUpTo(8).blocks, tips)
    expect(placed.find((b) => b.lane === 0 && b.height === 1)!.hash).toBe(h('bbbb'))
  })

  it('groups the nodes into the sides of a partition by the links that are up', () => {
    const nodes = ['node1', 'node2', 'node3']
    const link = (a: string, b: string, up: boolean) => ({ a, b, up, latency: 0 })
    expect(
      partitionSides(nodes, [
        link('node1', 'node2', false),
        link('node1', 'node3', false),
        link('node2', 'node3', true),
      ]),
    ).toEqual([['node1'], ['node2', 'node3']])
    expect(
      partitionSides(nodes, [link('node1', 'node2', true), link('node2', 'node3', true)]),
    ).toHaveLength(1)
    // A chain of 5,000 joined end to end: one side, every node on it once.
    const line = Array.from({ length: 5_000 }, (_, i) => `node${i + 1}`)
    const sides = partitionSides(
      line,
      line.slice(1).map((n, i) => link(line[i]!, n, true)),
    )
    expect(sides).toHaveLength(1)
    expect(sides[0]).toEqual(line)
  })
})
