import type { Command } from '../../src/core/commands'
import { createRandom } from '../../src/core/random'

/**
 * A steady workload: one block every `interval` clocks on average from a random node, and a
 * transfer every few clocks, stepped one network clock at a time as a controller playing the
 * network would.
 */
export function* steadyWorkload(
  nodes: readonly string[],
  clocks: number,
  interval: number,
  seed = 42,
): Generator<Command> {
  const random = createRandom(seed)
  const accounts = ['aki', 'so', 'satoshi']
  yield { type: 'start' }
  for (let t = 0; t < clocks; t++) {
    if (random.next() < 1 / interval)
      yield { type: 'mine', node: nodes[random.int(nodes.length)] as string }
    if (random.next() < 0.2) {
      const sender = accounts[random.int(3)] as string
      yield {
        type: 'submit-tx',
        node: nodes[random.int(nodes.length)] as string,
        tx: { sender, recipient: accounts[(accounts.indexOf(sender) + 1) % 3] as string, value: 1 },
      }
    }
    yield { type: 'step', clocks: 1 }
  }
}
