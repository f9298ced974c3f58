/** Stable codes for the failures the engine reports; the HTTP and IPC edges map them to statuses. */
export type EngineErrorCode =
  | 'not-started'
  | 'unknown-node'
  | 'unknown-link'
  | 'clock-in-past'
  | 'invalid-config'
  | 'invalid-argument'

/** A failure of a controller's request. Expected refusals (an invalid block) are values, not throws. */
export class EngineError extends Error {
  override readonly name = 'EngineError'
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export function isEngineError(value: unknown): value is EngineError {
  return value instanceof EngineError
}
