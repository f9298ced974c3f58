import type { Command } from '../../src/core/commands'
import { createRandom } from '../../src/core/random'

/**
 * A seeded random workload of controller commands: mining, transfers (some refused), a link cut
 * and healed, links removed and added, nodes started afresh, and steps of 1 to 6 clocks. The
 * network starts first.
 */
export function randomWorkload(seed: number, nodes: readonly string[], rounds: number): Command[] {
  const random = createRandom(seed)
  const pick = () => nodes[random.int(nodes.length)] as string
  const accounts = ['aki', 'so', 'satoshi']
  const commands: Command[] = [{ type: 'start' }]
  for (let i = 0; i < rounds; i++) {
    const r = random.next()
    if (r < 0.15) commands.push({ type: 'mine', node: pick() })
    else if (r < 0.35)
      commands.push({
        type: 'submit-tx',
        node: pick(),
        tx: {
          sender: accounts[random.int(3)] as string,
          recipient: accounts[random.int(3)] as string,
          value: 1 + random.int(3),
        },
      })
    else if (r < 0.38)
      commands.push({ type: 'cut-link', a: nodes[0] as string, b: nodes[1] as string })
    else if (r < 0.41)
      commands.push({ type: 'heal-link', a: nodes[0] as string, b: nodes[1] as string })
    else if (r < 0.42) commands.push({ type: 'restart', node: pick() })
    else if (r < 0.43) commands.push({ type: 'remove-link', a: pick(), b: pick() })
    else if (r < 0.44) commands.push({ type: 'add-link', a: pick(), b: pick() })
    commands.push({ type: 'step', clocks: 1 + random.int(6) })
  }
  return commands
}
