import type { SequencedEvent } from '../../../src/shared/api-types'
import { block, hash } from './log-fixtures'

type Stage = 'withheld' | 'tie' | 'won'

/**
 * A selfish miner's first blocks, as the engine tells them (test/renderer/chain/attack-ledger
 * checks the same story against the engine itself): node1 mines a1 at clock 3 and withholds it;
 * node2 mines b1 at 9 and node1 publishes a1 to match it (a tie, at 10); node1 mines a2 on a1 at
 * 19 and publishes it to win the tie; node2 and node3 reorganise onto it at 20, orphaning b1.
 */
export function selfishStory(stage: Stage): SequencedEvent[] {
  const events: SequencedEvent[] = []
  const add = (event: Record<string, unknown> & { kind: string; clock: number; node: string }) =>
    events.push({ ...event, seq: events.length + 1 } as unknown as SequencedEvent)
  const ref = (name: string, height: number, parent: string, miner: string) => ({
    hash: hash(name),
    height,
    parent: hash(parent),
    miner,
    transactions: 0,
  })
  const accepted = (clock: number, node: string, b: ReturnType<typeof ref>, main = true) =>
    add({ kind: 'block.accepted', clock, node, block: b, from: null, onMainChain: main })
  const a1 = ref('a1', 1, 'genesis', 'node1')
  const b1 = ref('b1', 1, 'genesis', 'node2')
  const a2 = ref('a2', 2, 'a1', 'node1')

  add({ kind: 'block.mined', clock: 3, node: 'node1', block: block('a1', 1, 'node1') })
  accepted(3, 'node1', a1)
  add({ kind: 'attack.withheld', clock: 3, node: 'node1', block: a1 })
  if (stage === 'withheld') return events
  add({ kind: 'block.mined', clock: 9, node: 'node2', block: block('b1', 1, 'node2') })
  accepted(9, 'node2', b1)
  accepted(10, 'node3', b1)
  accepted(10, 'node1', b1, false)
  add({ kind: 'attack.published', clock: 10, node: 'node1', blocks: [a1], rule: 'match', to: null })
  accepted(11, 'node2', a1, false)
  accepted(11, 'node3', a1, false)
  if (stage === 'tie') return events
  add({ kind: 'block.mined', clock: 19, node: 'node1', block: block('a2', 2, 'node1') })
  accepted(19, 'node1', a2)
  add({ kind: 'attack.withheld', clock: 19, node: 'node1', block: a2 })
  add({
    kind: 'attack.published',
    clock: 19,
    node: 'node1',
    blocks: [a2],
    rule: 'win-tie',
    to: null,
  })
  for (const node of ['node2', 'node3']) {
    accepted(20, node, a2)
    add({
      kind: 'chain.reorg',
      clock: 20,
      node,
      oldTip: hash('b1'),
      newTip: hash('a2'),
      depth: 1,
      abandoned: [hash('b1')],
      adopted: [hash('a1'), hash('a2')],
      returned: [],
    })
  }
  return events
}
