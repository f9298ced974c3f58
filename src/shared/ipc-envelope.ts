/** An IPC answer: Electron keeps only the message of a thrown error, so errors cross as data. */
export type IpcEnvelope<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } }

/** An error the main side reported, rebuilt on the renderer's side with its code. */
export class LabError extends Error {
  override readonly name = 'LabError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}
