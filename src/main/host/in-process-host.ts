import { executeCommand, type Command } from '../../core/commands'
import type { NetworkConfig } from '../../core/config'
import { Network } from '../../core/network/network'
import type { NetworkState } from '../../core/resume'
import { answerQuery } from './answer-query'
import type { HostOptions, NetworkHost, Query, QueryResult } from './network-host'

/** Runs the whole network in this thread: the fastest choice for small networks and for tests. */
export class InProcessHost implements NetworkHost {
  readonly mode = 'in-process'
  readonly workers = 0
  private readonly network: Network

  /** A new network, or one resumed from a checkpoint's state. */
  constructor(
    readonly config: NetworkConfig,
    state?: NetworkState,
    options: HostOptions = {},
  ) {
    this.network = state ? Network.fromState(config, state) : new Network(config)
    if (options.events) this.network.observe(options.events)
  }

  async execute(command: Command) {
    try {
      const result = executeCommand(this.network, command)
      return { result, events: this.network.drainLog() }
    } catch (error) {
      // A command that throws was refused before it changed anything; never let whatever it
      // queued leak into the next command's events.
      this.network.drainLog()
      throw error
    }
  }

  async query<Q extends Query>(query: Q): Promise<QueryResult<Q>> {
    return answerQuery(this.network, query)
  }

  async close(): Promise<void> {}
}
