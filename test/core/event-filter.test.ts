import { describe, expect, it } from 'vitest'
import { executeCommand } from '../../src/core/commands'
import type { EngineEventKind, SequencedEvent } from '../../src/core/events'
import { MetricsCollector } from '../../src/core/metrics'
import { Network } from '../../src/core/network/network'
import { GOLDEN_CASES, fingerprint } from '../support/golden'

type Case = (typeof GOLDEN_CASES)[number]

/**
 * A case's events and final state, with only `kinds` observed; with null, as a network is made
 * (every kind), whose stream test/core/golden-streams.test.ts pins.
 */
function run(golden: Case, kinds: readonly EngineEventKind[] | null) {
  const network = new Network(golden.config)
  if (kinds) network.observe(kinds)
  const events: SequencedEvent[] = []
  for (const command of golden.commands) {
    try {
      executeCommand(network, command)
    } catch {
      // A refused command changes nothing, observed or not.
    }
    events.push(...network.drainEvents())
  }
  return { events, state: fingerprint(network.exportState()) }
}

const withoutSeq = (events: readonly SequencedEvent[]) => events.map(({ seq: _, ...e }) => e)

/** Sets of kinds that switch off each hot path's event, alone and together. */
const SELECTIONS: readonly (readonly EngineEventKind[])[] = [
  MetricsCollector.EVENT_KINDS,
  ['message.sent'],
  ['message.dropped', 'message.delivered'],
  ['block.accepted', 'chain.reorg', 'link.cut', 'link.healed'],
  [],
]

describe('observing some kinds of events: the same run, only fewer events made', () => {
  GOLDEN_CASES.forEach((golden) => {
    it(golden.name, () => {
      const whole = run(golden, null)
      for (const kinds of SELECTIONS) {
        const some = run(golden, kinds)
        const wanted = new Set(kinds)
        // Exactly the whole stream's events of those kinds, in its order, numbered among themselves.
        expect(withoutSeq(some.events)).toEqual(
          withoutSeq(whole.events.filter((e) => wanted.has(e.kind))),
        )
        expect(some.events.map((e) => e.seq)).toEqual(some.events.map((_, i) => i + 1))
        // What the simulation did does not depend on what was observed.
        expect(some.state).toBe(whole.state)
      }
    })
  })

  it('observes everything again when asked for every kind (null)', () => {
    const golden = GOLDEN_CASES[1] as Case
    const network = new Network(golden.config)
    network.observe(['block.mined'])
    expect(network.observed).toEqual(['block.mined'])
    network.observe(null)
    expect(network.observed).toBeNull()
    for (const command of golden.commands) executeCommand(network, command)
    expect(withoutSeq(network.drainEvents())).toEqual(withoutSeq(run(golden, null).events))
  })

  it('the metrics read no kind outside MetricsCollector.EVENT_KINDS: measuring the filtered stream gives the same figures', () => {
    for (const golden of GOLDEN_CASES) {
      const measure = (events: readonly SequencedEvent[]) => {
        const collector = new MetricsCollector(new Network(golden.config).nodeIds.length)
        collector.add(events)
        return collector.finish(100, [], [])
      }
      const whole = run(golden, null).events
      const some = run(golden, MetricsCollector.EVENT_KINDS).events
      expect(measure(some)).toEqual(measure(whole))
    }
  })
})
