import { executeCommand } from '../../src/core/commands'
import type { EventLog } from '../../src/core/event-log'
import { Network } from '../../src/core/network/network'
import { GOLDEN_CASES } from './golden'

/** A golden case's events as the network keeps them: one log per command, refusals included. */
export function goldenLogs(index: number): EventLog[] {
  const { config, commands } = GOLDEN_CASES[index]!
  const network = new Network(config)
  const logs: EventLog[] = []
  for (const command of commands) {
    try {
      executeCommand(network, command)
    } catch {
      // A refused command still drains its events below.
    }
    logs.push(network.drainLog())
  }
  return logs
}
