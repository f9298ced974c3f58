import type { EngineErrorCode } from '../../core/errors'

/** Codes the HTTP edge adds to the engine's own. */
export type HttpErrorCode =
  | 'invalid-json'
  | 'invalid-body'
  | 'invalid-parameter'
  | 'body-too-large'
  | 'not-found'
  | 'method-not-allowed'
  | 'forbidden-host'
  | 'cross-origin'
  | 'internal'
  | 'worker-failed'
  | 'unknown-run'
  | 'run-is-live'
  | 'recording-off'
  | 'invalid-run-file'
  | 'cancelled'
  | 'port-unavailable'
  | 'desktop-only'
  | 'queue-unreachable'

export type ErrorCode = EngineErrorCode | HttpErrorCode

/** The one table from an error code to an HTTP status. */
export const STATUS_OF: Readonly<Record<ErrorCode, number>> = {
  'invalid-json': 400,
  'invalid-body': 400,
  'invalid-parameter': 400,
  'invalid-config': 400,
  'invalid-argument': 400,
  'unknown-node': 404,
  'unknown-link': 404,
  'not-found': 404,
  'method-not-allowed': 405,
  'not-started': 409,
  'clock-in-past': 409,
  'body-too-large': 413,
  'forbidden-host': 403,
  'cross-origin': 403,
  'unknown-run': 404,
  'run-is-live': 409,
  'recording-off': 409,
  'invalid-run-file': 400,
  cancelled: 409,
  'port-unavailable': 409,
  'desktop-only': 501,
  'queue-unreachable': 502,
  internal: 500,
  'worker-failed': 500,
}

/** A refusal at the HTTP edge, answered as `{"error": {"code", "message"}}`. */
export class HttpError extends Error {
  override readonly name = 'HttpError'
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message)
  }
}
