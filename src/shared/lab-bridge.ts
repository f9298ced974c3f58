import type { IpcEnvelope } from './ipc-envelope'
import type { LabEventName, LabEvents } from './lab-events'
import type { LabHandlers } from './lab-contract'

/**
 * What the renderer holds: the contract's methods plus a typed event subscription. The preload
 * bridge and the browser's HTTP transport both implement it.
 */
export interface LabClient extends LabHandlers {
  /** Subscribes to pushed events; returns the function that unsubscribes. */
  subscribe<K extends LabEventName>(name: K, listener: (payload: LabEvents[K]) => void): () => void
}

/** What the preload exposes on `window.chainLab`: each method answers an envelope, never throws. */
export type LabBridge = {
  [K in keyof LabHandlers]: (
    input: Parameters<LabHandlers[K]>[0],
  ) => Promise<IpcEnvelope<Awaited<ReturnType<LabHandlers[K]>>>>
} & Pick<LabClient, 'subscribe'>
