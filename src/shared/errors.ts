// The one error model: every code the lab answers with, each code's HTTP status, and one error
// type. HTTP, IPC, the worker threads and the CLIs all map errors through this file.
import * as z from 'zod'
import { EngineError, type EngineErrorCode } from '../core/errors'

/** Each code and its HTTP status; a code missing here does not type-check anywhere. */
export const STATUS_OF = {
  // The engine's own (core/errors.ts): a controller's request it refused.
  'invalid-config': 400,
  'invalid-argument': 400,
  'unknown-node': 404,
  'unknown-link': 404,
  'not-started': 409,
  'clock-in-past': 409,
  // Malformed requests.
  'invalid-json': 400,
  'invalid-body': 400,
  'invalid-parameter': 400,
  'invalid-run-file': 400,
  /** A request HTTP itself cannot parse (a broken request line, a bad header). */
  'malformed-request': 400,
  'body-too-large': 413,
  'headers-too-large': 431,
  'not-found': 404,
  'method-not-allowed': 405,
  // Refused callers: a foreign Host or origin, a window this app did not create.
  'forbidden-host': 403,
  'cross-origin': 403,
  forbidden: 403,
  // Refused for the lab's state.
  'unknown-run': 404,
  'run-is-live': 409,
  /** A stored run that cannot be read (its config does not parse): listed, deletable, no more. */
  'run-damaged': 409,
  'recording-off': 409,
  /** The database file is damaged, unreadable or read-only: the lab will not write to it. */
  'database-unusable': 409,
  cancelled: 409,
  'port-unavailable': 409,
  'desktop-only': 501,
  // A sweep queue (Redis) that does not answer.
  'queue-unreachable': 502,
  // Failures of the lab itself.
  internal: 500,
  'worker-failed': 500,
} as const satisfies Record<EngineErrorCode, number> & Record<string, number>

export type ErrorCode = keyof typeof STATUS_OF

/** An error as data: how it crosses IPC, HTTP bodies and worker threads. */
export interface ErrorData {
  readonly code: ErrorCode
  readonly message: string
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(STATUS_OF, value)
}

/**
 * The lab's one error type: a code from the table and a message for people. Subclasses fix the
 * code and word the message (RunNotFoundError, CancelledError, …); `headers` are extra HTTP
 * headers to answer with (405's Allow).
 */
export class LabError extends Error {
  override name = 'LabError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message)
  }
}

/**
 * The code and message any error answers with, over HTTP and IPC alike. An error that is neither
 * the lab's, the engine's nor a failed validation is a bug: it is logged and answers "internal",
 * leaking nothing.
 */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof LabError || error instanceof EngineError)
    return { code: error.code, message: error.message }
  if (error instanceof z.ZodError) return { code: 'invalid-body', message: describeIssues(error) }
  console.error('[lab] unexpected error:', error)
  return { code: 'internal', message: 'internal error' }
}

/** Validates input with a schema, or throws an `invalid-body` error that names the problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  throw new LabError('invalid-body', describeIssues(result.error))
}

/** A failed validation in one line: each issue's place and what is wrong there. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'body'
      return `${where}: ${issue.message}`
    })
    .join('; ')
}

/** An error rebuilt from its data (an IPC answer, an HTTP body): a code it does not know is internal. */
export function fromErrorData(data: { code?: unknown; message?: unknown } | undefined): LabError {
  const message = typeof data?.message === 'string' ? data.message : 'unknown error'
  return new LabError(isErrorCode(data?.code) ? data.code : 'internal', message)
}
