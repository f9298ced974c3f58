import { describe, expect, it } from 'vitest'
import { randomWorkload } from '../../support/workloads'
import { executeCommand, type Command } from '../../../src/core/commands'
import { createConfig } from '../../../src/core/config'
import { Network } from '../../../src/core/network/network'
import { marksOf, type NetworkState } from '../../../src/core/resume'

function apply(network: Network, command: Command): void {
  try {
    // step-node in the workload means "one clock ahead of where that node is".
    if (command.type === 'step-node')
      executeCommand(network, { ...command, clock: network.node(command.node).clock + 1 })
    else executeCommand(network, command)
  } catch {
    // Refusals (an overspend) change nothing; both networks refuse alike.
  }
}

describe('a network checkpoint', () => {
  it('resumes exactly: the same commands after a restore give the same events', () => {
    const config = createConfig({ nodes: 5, topology: { kind: 'ring' }, difficulty: 5, latency: 1 })
    const commands = randomWorkload(3, config.nodes, 400)
    const original = new Network(config)
    original.start()
    const withoutSeq = (network: Network) => network.drainEvents().map(({ seq: _seq, ...e }) => e)
    for (let cut = 0; cut < commands.length; cut += 50) {
      withoutSeq(original)
      const state = JSON.parse(JSON.stringify(original.exportState())) as NetworkState
      const resumed = Network.fromState(config, state)
      expect(resumed.exportState()).toEqual(original.exportState())
      for (const command of commands.slice(cut, cut + 50)) {
        apply(original, command)
        apply(resumed, command)
      }
      const events = withoutSeq(original)
      expect(withoutSeq(resumed)).toEqual(events)
      expect(resumed.exportState()).toEqual(original.exportState())
    }
    // The workload mined: a chain grew (a node started afresh late may hold genesis only).
    expect(Math.max(...config.nodes.map((id) => original.node(id).tree.height))).toBeGreaterThan(10)
  })

  it.each([
    ['a random topology with spread latencies', { topology: { kind: 'random', degree: 4 } }],
    ['an eclipse, whose victim starts with links cut', { attack: { kind: 'eclipse' } }],
  ] as const)(
    'restores %s as the stepped network has it, after links were cut, healed, added and removed and nodes restarted',
    (_, shape) => {
      // The restored network draws no topology: every link, its latency and whether it is up
      // must come from the state, however the config's topology would have drawn them.
      const config = createConfig({
        nodes: 12,
        difficulty: 4,
        latency: 1,
        latencySpread: 3,
        autoMine: { interval: 4, hashPower: null },
        ...shape,
      })
      const original = new Network(config)
      const withoutSeq = (network: Network) => network.drainEvents().map(({ seq: _seq, ...e }) => e)
      // The workload cuts and heals node1–node2, which the topology may not have drawn.
      const [start, ...rest] = randomWorkload(8, config.nodes, 240)
      const commands: Command[] = [start!, { type: 'add-link', a: 'node1', b: 'node2' }, ...rest]
      const drawn = new Network(config).allLinks()
      let cut = false
      for (let at = 0; at < commands.length; at += 40) {
        for (const command of commands.slice(at, at + 40)) apply(original, command)
        cut ||= original.allLinks().some((link) => !link.up)
        const state = original.exportState()
        const restored = Network.fromState(
          config,
          JSON.parse(JSON.stringify(state)) as NetworkState,
        )
        expect(restored.exportState(), `after ${at + 40} commands`).toEqual(state)
        expect(restored.allLinks()).toEqual(original.allLinks())
        for (const id of config.nodes) expect(restored.peersOf(id)).toEqual(original.peersOf(id))
        // And it goes on as the stepped network does.
        withoutSeq(original)
        original.step(12)
        restored.step(12)
        expect(withoutSeq(restored)).toEqual(withoutSeq(original))
      }
      // The workload did change the links the topology drew.
      expect(cut).toBe(true)
      expect(original.allLinks()).not.toEqual(drawn)
    },
  )

  it('keeps forks, orphans, queues and messages in flight', () => {
    const config = createConfig({ difficulty: 4, latency: 3 })
    const network = new Network(config)
    network.start()
    network.requestMine('node1')
    network.requestMine('node2')
    network.submitTransaction('node3', { sender: 'so', recipient: 'aki', value: 1 })
    network.step(4)
    const state = network.exportState()
    expect(state.nodes.some((n) => n.inbox.length > 0)).toBe(true)
    const resumed = Network.fromState(config, JSON.parse(JSON.stringify(state)) as NetworkState)
    network.step(20)
    resumed.step(20)
    expect(resumed.exportState()).toEqual(network.exportState())
  })

  it('keeps an announcement still to be sent to a peer whose link came up', () => {
    const config = createConfig({ difficulty: 4 })
    const network = new Network(config)
    network.start()
    network.cutLink('node1', 'node2')
    network.requestMine('node1')
    network.step(1)
    // node1 is mining: its announcement to node2 waits for its relay.
    network.healLink('node1', 'node2')
    const state = JSON.parse(JSON.stringify(network.exportState())) as NetworkState
    expect(state.nodes.find((n) => n.id === 'node1')?.announcements).toEqual(['node2'])
    const resumed = Network.fromState(config, state)
    network.drainEvents()
    network.step(6)
    resumed.step(6)
    const withoutSeq = (n: Network) => n.drainEvents().map(({ seq: _seq, ...e }) => e)
    const events = withoutSeq(network)
    expect(withoutSeq(resumed)).toEqual(events)
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'message.sent', node: 'node1', to: 'node2', clock: 5 }),
    )
    // A state saved before announcements existed has none to make.
    const older = {
      ...state,
      nodes: state.nodes.map(({ announcements: _none, ...node }) => node),
    }
    expect(Network.fromState(config, older).node('node1').exportState().announcements).toEqual([])
  })

  describe('for a recorder', () => {
    const mined = () => {
      const network = new Network(createConfig({ difficulty: 4 }))
      network.start()
      network.requestMine('node1')
      network.step(6)
      return network
    }

    it("holds each node's state, with its tree and where its block list starts", () => {
      const network = mined()
      const checkpoint = network.exportCheckpoint()
      const state = network.exportState()
      // The stored JSON's order is the recorder's (checkpoint-codec.ts), not this object's.
      checkpoint.nodes.forEach((node, i) => {
        const { blocks, ...fields } = state.nodes[i] as NetworkState['nodes'][number]
        expect(node).toEqual({ ...fields, tree: node.tree, blocksFrom: 0, blocks })
      })
    })

    it("marks how far each node's block list went, for the next checkpoint", () => {
      const first = mined().exportCheckpoint()
      expect(marksOf(first)).toEqual(
        Object.fromEntries(first.nodes.map((n) => [n.id, { tree: n.tree, count: 2 }])),
      )
    })

    it('lists only the blocks accepted since the marks of the last checkpoint', () => {
      const network = mined()
      const first = network.exportCheckpoint()
      const node1 = first.nodes.find((n) => n.id === 'node1')!
      expect(node1).toMatchObject({ blocksFrom: 0 })
      expect(node1.blocks).toHaveLength(2)
      network.requestMine('node1')
      network.step(6)
      const since = marksOf(first)
      const next = network.exportCheckpoint(since).nodes.find((n) => n.id === 'node1')!
      expect(next.blocksFrom).toBe(2)
      expect(next.blocks).toEqual([network.node('node1').tree.tip.block.hash])
      expect(network.exportState().nodes[0]!.blocks).toEqual([...node1.blocks, ...next.blocks])
    })

    it('lists every block again for a node reset since, however many it holds again', () => {
      const network = mined()
      const first = network.exportCheckpoint()
      network.reset('node2')
      // node2 catches up past the count it had: only its new tree says the old list is gone.
      network.requestMine('node1')
      network.step(12)
      const since = marksOf(first)
      const nodes = network.exportCheckpoint(since).nodes
      const node2 = nodes.find((n) => n.id === 'node2')!
      expect(node2.blocks.length).toBeGreaterThan(since['node2']!.count)
      expect(node2).toMatchObject({ blocksFrom: 0, blocks: network.exportState().nodes[1]!.blocks })
      expect(nodes.find((n) => n.id === 'node1')).toMatchObject({ blocksFrom: 2 })
    })
  })
})
