import type { NetworkConfig } from '../../core/config'
import { InProcessHost } from './in-process-host'
import type { NetworkHost } from './network-host'
import { WorkerHost, type WorkerEntry } from './worker-host'

/** Builds the host for each network: in this thread (workers 0) or across worker threads. */
export function hostFactory(workers: number, entry?: WorkerEntry) {
  return async (config: NetworkConfig): Promise<NetworkHost> =>
    workers > 0 ? WorkerHost.create(config, workers, entry) : new InProcessHost(config)
}
