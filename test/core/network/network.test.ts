import { describe, expect, it } from 'vitest'
import { executeCommand, type Command } from '../../../src/core/commands'
import { Network } from '../../../src/core/network/network'
import { createRandom } from '../../../src/core/random'
import { createStartedNetwork, statuses, stepUntilQuiet, tips } from '../../support/timeline'

describe('one activity at a time', () => {
  it('queues a mine request made while the node is busy until it is free', () => {
    const network = createStartedNetwork()
    network.submitTransaction('node1', { sender: 'so', recipient: 'aki', value: 1 })
    network.step(1)
    network.requestMine('node1')
    network.step(1)
    expect(network.node('node1').status).toBe('broadcasting-tx')
    network.step(1)
    expect(network.node('node1').status).toBe('mining')
  })

  it('queues transfers made while busy and takes them one clock each, in order', () => {
    const network = createStartedNetwork({ nodes: 1 })
    network.requestMine('node1')
    network.step(1)
    network.submitTransaction('node1', { sender: 'so', recipient: 'aki', value: 1 })
    network.submitTransaction('node1', { sender: 'so', recipient: 'satoshi', value: 1 })
    const seen: string[] = []
    for (let i = 0; i < 6; i++) {
      network.step(1)
      seen.push(network.node('node1').status)
    }
    expect(seen).toEqual([
      'mining',
      'mining',
      'broadcasting-block',
      'receiving-tx',
      'broadcasting-tx',
      'receiving-tx',
    ])
  })

  it('refuses a transfer that a queued one already spends', () => {
    const network = createStartedNetwork()
    expect(
      network.submitTransaction('node1', { sender: 'aki', recipient: 'so', value: 9 }).ok,
    ).toBe(true)
    expect(
      network.submitTransaction('node1', { sender: 'aki', recipient: 'satoshi', value: 2 }),
    ).toEqual({ ok: false, reason: 'insufficient-balance' })
  })

  it('puts the mined transactions in the block and takes them out of the pool', () => {
    const network = createStartedNetwork()
    const sent = network.submitTransaction('node1', { sender: 'so', recipient: 'aki', value: 4 })
    stepUntilQuiet(network)
    network.requestMine('node2')
    stepUntilQuiet(network)
    for (const id of network.nodeIds) {
      const node = network.node(id)
      expect(node.pool.size).toBe(0)
      expect(node.tree.tip.block.transactions).toEqual([sent.ok && sent.tx])
      expect(node.tree.tip.balances.get('aki')).toBe(14)
    }
  })

  it('allows an empty block', () => {
    const network = createStartedNetwork()
    network.requestMine('node3')
    stepUntilQuiet(network)
    expect(network.node('node1').tree.tip.block).toMatchObject({ id: 1, transactions: [] })
  })

  it('stamps a block with the simulated time of the clock it was mined in', () => {
    const network = createStartedNetwork()
    network.step(4)
    network.requestMine('node1')
    network.step(3)
    expect(network.node('node1').tree.tip.block.timestamp).toBe('2026/11/24 10:00:07')
  })
})

describe('links', () => {
  it('delays a message by the link latency', () => {
    const network = createStartedNetwork({ latency: 2 })
    network.submitTransaction('node1', { sender: 'so', recipient: 'aki', value: 1 })
    const seen: string[] = []
    for (let i = 0; i < 5; i++) {
      network.step(1)
      seen.push(statuses(network))
    }
    expect(seen).toEqual([
      'node1=receiving-tx node2=idle node3=idle',
      'node1=broadcasting-tx node2=idle node3=idle',
      'node1=idle node2=idle node3=idle',
      'node1=idle node2=receiving-tx node3=receiving-tx',
      'node1=idle node2=broadcasting-tx node3=broadcasting-tx',
    ])
  })

  it('relays along a line one hop per clock: a relay is received in the clock it is broadcast', () => {
    const network = createStartedNetwork({ nodes: 4, topology: { kind: 'line' } })
    network.requestMine('node1')
    network.step(3)
    const heights = () => network.nodeIds.map((id) => network.node(id).tree.height).join('')
    const seen = [heights()]
    for (let i = 0; i < 6; i++) {
      network.step(1)
      seen.push(heights())
    }
    expect(seen).toEqual(['1000', '1100', '1110', '1111', '1111', '1111', '1111'])
  })

  it('links and unlinks peers at run time', () => {
    const network = createStartedNetwork({ nodes: 3, topology: { kind: 'line' } })
    network.addLink('node1', 'node3')
    expect(network.peersOf('node1').map((p) => p.id)).toEqual(['node2', 'node3'])
    network.clearPeers('node2')
    expect(network.peersOf('node2')).toEqual([])
    expect(network.peersOf('node1').map((p) => p.id)).toEqual(['node3'])
  })
})

describe('start and reset', () => {
  it('refuses commands to a node that is not started', () => {
    const network = new Network({ difficulty: 4 })
    expect(() => network.requestMine('node1')).toThrow(/not started/)
    expect(() => network.step(1)).toThrow(/start the network/)
  })

  it('resets a node to clock 0, genesis only and an empty pool', () => {
    const network = createStartedNetwork()
    network.submitTransaction('node1', { sender: 'so', recipient: 'aki', value: 1 })
    network.requestMine('node1')
    stepUntilQuiet(network)
    network.reset('node1')
    const node = network.node('node1')
    expect([node.clock, node.status, node.tree.height, node.pool.size]).toEqual([0, 'idle', 0, 0])
    expect(network.node('node2').tree.height).toBe(1)
  })
})

/** A random workload of mining and transfers, as commands. */
function workload(seed: number, clocks: number, nodes: readonly string[]): Command[] {
  const random = createRandom(seed)
  const accounts = ['aki', 'so', 'satoshi']
  const commands: Command[] = [{ type: 'start' }]
  for (let t = 0; t < clocks; t++) {
    if (random.next() < 0.08)
      commands.push({ type: 'mine', node: nodes[random.int(nodes.length)] as string })
    if (random.next() < 0.2) {
      const sender = accounts[random.int(3)] as string
      const recipient = accounts[random.int(3)] as string
      commands.push({
        type: 'submit-tx',
        node: nodes[random.int(nodes.length)] as string,
        tx: { sender, recipient, value: 1 + random.int(3) },
      })
    }
    commands.push({ type: 'step', clocks: 1 })
  }
  return commands
}

describe('determinism', () => {
  it('gives the same events, byte for byte, for the same config and commands', () => {
    const run = () => {
      const network = new Network({ nodes: 6, topology: { kind: 'ring' }, difficulty: 6, seed: 3 })
      for (const command of workload(11, 300, network.nodeIds)) executeCommand(network, command)
      return JSON.stringify(network.drainEvents())
    }
    const first = run()
    expect(first.length).toBeGreaterThan(10_000)
    expect(run()).toBe(first)
  })
})

describe('a 100-node random network', () => {
  it('converges to one chain once mining stops', () => {
    const network = createStartedNetwork({
      nodes: 100,
      topology: { kind: 'random', degree: 4 },
      seed: 5,
    })
    const random = createRandom(9)
    for (let t = 0; t < 200; t++) {
      if (random.next() < 0.1) network.requestMine(network.nodeIds[random.int(100)] as string)
      network.step(1)
    }
    stepUntilQuiet(network, 2_000)
    const heights = network.nodeIds.map((id) => network.node(id).tree.height)
    expect(new Set(tips(network)).size).toBe(1)
    expect(Math.min(...heights)).toBeGreaterThan(5)
  })
})
