import type { NetworkConfig } from '../../core/config'
import type { NetworkState } from '../../core/resume'
import { InProcessHost } from './in-process-host'
import type { HostOptions, NetworkHost } from './network-host'
import { WorkerHost, type WorkerEntry } from './worker-host'

/** Builds the host for each network (new, or resumed from a state): in this thread or in workers. */
export function hostFactory(workers: number, entry?: WorkerEntry) {
  return async (
    config: NetworkConfig,
    state?: NetworkState,
    options?: HostOptions,
  ): Promise<NetworkHost> =>
    workers > 0
      ? WorkerHost.create(config, workers, entry, state, options)
      : new InProcessHost(config, state, options)
}
