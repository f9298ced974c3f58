import type { LabBridge } from '../shared/lab-bridge'

declare global {
  interface Window {
    /** Present in the Electron window; absent in a browser, which talks HTTP to the lab instead. */
    chainLab?: LabBridge
  }
}

export {}
