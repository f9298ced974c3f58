import type { LabClient } from '../../../shared/lab-bridge'
import { createHttpClient } from './http-client'
import { createIpcClient } from './ipc-client'

/** The preload bridge in Electron; HTTP and Server-Sent Events to the lab in a browser. */
export function createLabClient(): LabClient {
  return window.chainLab ? createIpcClient(window.chainLab) : createHttpClient()
}
