import type { ErrorData } from './errors'

/** An IPC answer: Electron keeps only the message of a thrown error, so errors cross as data. */
export type IpcEnvelope<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorData }
