import { describe, expect, it } from 'vitest'
import { createConfig } from '../../../src/core/config'
import type { EngineEventKind, SequencedEvent } from '../../../src/core/events'
import { MetricsCollector } from '../../../src/core/metrics'
import { InProcessHost } from '../../../src/main/host/in-process-host'
import type { NetworkHost } from '../../../src/main/host/network-host'
import { WorkerHost } from '../../../src/main/host/worker-host'
import { GOLDEN_CASES } from '../../support/golden'

/** The events a host reports over a case's commands, refusals skipped. */
async function eventsOf(host: NetworkHost, commands: (typeof GOLDEN_CASES)[number]['commands']) {
  const events: SequencedEvent[] = []
  try {
    for (const command of commands) {
      try {
        events.push(...(await host.execute(command)).events)
      } catch {
        // Refused: nothing happened.
      }
    }
    return events
  } finally {
    await host.close()
  }
}

describe('a host asked for some kinds of events makes only those, in one thread and in workers', () => {
  const kinds: readonly EngineEventKind[] = MetricsCollector.EVENT_KINDS
  const wanted = new Set(kinds)
  // The cases with automatic mining, a workload and many messages between the shards.
  for (const golden of GOLDEN_CASES.filter((g) => g.config.autoMine)) {
    it(golden.name, async () => {
      const config = createConfig(golden.config)
      const whole = await eventsOf(new InProcessHost(config), golden.commands)
      const expected = whole.filter((e) => wanted.has(e.kind)).map((e, i) => ({ ...e, seq: i + 1 }))
      expect(expected.length).toBeGreaterThan(0)
      const inProcess = await eventsOf(
        new InProcessHost(config, undefined, { events: kinds }),
        golden.commands,
      )
      expect(inProcess).toEqual(expected)
      const workers = await eventsOf(
        await WorkerHost.create(config, 2, undefined, undefined, { events: kinds }),
        golden.commands,
      )
      expect(workers).toEqual(expected)
    })
  }
})
