import { describe, expect, it } from 'vitest'
import { executeCommand } from '../../src/core/commands'
import { Network } from '../../src/core/network/network'
import { GOLDEN_CASES, fingerprint } from '../support/golden'
import { GOLDEN } from '../support/golden-hashes'

/** Runs a case in one Network: each command's result (or refusal) and events, then the state. */
function run(index: number): { events: string; state: string } {
  const { config, commands } = GOLDEN_CASES[index] as (typeof GOLDEN_CASES)[number]
  const network = new Network(config)
  const log: unknown[] = []
  for (const command of commands) {
    try {
      log.push(executeCommand(network, command), network.drainEvents())
    } catch (error) {
      network.drainEvents()
      log.push(String(error))
    }
  }
  return { events: fingerprint(log), state: fingerprint(network.exportState()) }
}

describe('golden event streams: the engine reports exactly what it reported before', () => {
  GOLDEN_CASES.forEach((golden, i) => {
    it(golden.name, () => {
      const expected = GOLDEN[i] as (typeof GOLDEN)[number]
      expect(run(i)).toEqual({ events: expected.events, state: expected.state })
    })
  })
})
