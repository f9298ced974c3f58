import { fromErrorData } from '../../../shared/errors'
import type { IpcEnvelope } from '../../../shared/ipc-envelope'
import type { LabBridge, LabClient } from '../../../shared/lab-bridge'
import { LAB_METHOD_NAMES } from '../../../shared/lab-method-names'

/** The lab client in the Electron window: the preload bridge, with errors rebuilt as LabError. */
export function createIpcClient(bridge: LabBridge): LabClient {
  const methods = Object.fromEntries(
    LAB_METHOD_NAMES.map((name) => [
      name,
      async (input: unknown) => {
        const call = bridge[name] as (input: unknown) => Promise<IpcEnvelope<unknown>>
        const envelope = await call(input ?? {})
        if (envelope.ok) return envelope.value
        throw fromErrorData(envelope.error)
      },
    ]),
  )
  return { ...(methods as Omit<LabClient, 'subscribe'>), subscribe: bridge.subscribe }
}
