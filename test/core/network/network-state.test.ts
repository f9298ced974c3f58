import { describe, expect, it } from 'vitest'
import { executeCommand, type Command } from '../../../src/core/commands'
import { createConfig } from '../../../src/core/config'
import { Network } from '../../../src/core/network/network'
import type { NetworkState } from '../../../src/core/network/network-state'
import { createRandom } from '../../../src/core/random'

function workload(seed: number, nodes: readonly string[], rounds: number): Command[] {
  const random = createRandom(seed)
  const pick = () => nodes[random.int(nodes.length)] as string
  const accounts = ['aki', 'so', 'satoshi']
  const commands: Command[] = []
  for (let i = 0; i < rounds; i++) {
    const r = random.next()
    if (r < 0.2) commands.push({ type: 'mine', node: pick() })
    else if (r < 0.45)
      commands.push({
        type: 'submit-tx',
        node: pick(),
        tx: {
          sender: accounts[random.int(3)]!,
          recipient: accounts[random.int(3)]!,
          value: 1 + random.int(3),
        },
      })
    else if (r < 0.5) commands.push({ type: 'cut-link', a: nodes[0]!, b: nodes[1]! })
    else if (r < 0.55) commands.push({ type: 'heal-link', a: nodes[0]!, b: nodes[1]! })
    else if (r < 0.6) commands.push({ type: 'step-node', node: pick(), clock: 0 })
    commands.push({ type: 'step', clocks: 1 + random.int(3) })
  }
  return commands
}

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
    const commands = workload(3, config.nodes, 400)
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
    expect(original.node('node1').tree.height).toBeGreaterThan(10)
  })

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
})
