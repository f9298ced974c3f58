import type { Command } from '../../src/core/commands'
import type { NetworkHost } from '../../src/main/host/network-host'

/**
 * Each command's result (or refusal) and events through a host, in order: what the host tests
 * compare between one thread and worker threads. The caller closes the host.
 */
export async function hostLog(host: NetworkHost, commands: readonly Command[]): Promise<unknown[]> {
  const log: unknown[] = []
  for (const command of commands) {
    try {
      const { result, events } = await host.execute(command)
      log.push(result, events.toArray())
    } catch (error) {
      log.push(String(error))
    }
  }
  return log
}
