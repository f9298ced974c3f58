import { describe, expect, it } from 'vitest'
import { createConfig } from '../../../src/core/config'
import { InProcessHost } from '../../../src/main/host/in-process-host'
import type { NetworkHost } from '../../../src/main/host/network-host'
import { WorkerHost } from '../../../src/main/host/worker-host'
import { GOLDEN_CASES, fingerprint } from '../../support/golden'
import { hostLog } from '../../support/host-log'
import { GOLDEN } from '../../support/golden-hashes'

/** The commands' results and events through a host, fingerprinted as the core test does. */
async function run(host: NetworkHost, index: number): Promise<string> {
  const { commands } = GOLDEN_CASES[index] as (typeof GOLDEN_CASES)[number]
  try {
    return fingerprint(await hostLog(host, commands))
  } finally {
    await host.close()
  }
}

describe('golden event streams through the hosts: one thread and two workers', () => {
  GOLDEN_CASES.forEach((golden, i) => {
    it(golden.name, async () => {
      const config = createConfig(golden.config)
      const expected = (GOLDEN[i] as (typeof GOLDEN)[number]).events
      expect(await run(new InProcessHost(config), i)).toBe(expected)
      expect(await run(await WorkerHost.create(config, 2), i)).toBe(expected)
    })
  })
})
