// The one protocol between the main thread and its worker threads (the shard, writer and sweep
// workers): numbered request and response envelopes, errors as data, and the bookkeeping of
// requests under way written once, on each side.
import type { MessagePort, Worker } from 'node:worker_threads'
import { EngineError, type EngineErrorCode } from '../../core/errors'
import { LabError, type ErrorCode } from '../../shared/errors'

/** A worker's calls: each call's name, what it takes and what it answers. */
export type Calls = Record<string, { readonly input: unknown; readonly output: unknown }>

/** A call to a worker, numbered so that its answer finds its caller. */
export type WorkerRequest<C extends Calls> = {
  [K in keyof C]: { readonly id: number; readonly call: K; readonly input: C[K]['input'] }
}[keyof C]

/**
 * An error as data: structured clone keeps no classes. `code` is the error model's for a refusal
 * (the engine's or the lab's: the worker goes on), null for a failure (a bug or a broken file).
 */
export interface WorkerErrorData {
  readonly code: ErrorCode | null
  readonly message: string
  readonly stack?: string
}

export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly output: unknown }
  | { readonly id: number; readonly ok: false; readonly error: WorkerErrorData }

/**
 * What a worker says unasked while a call goes on (a verify's progress): no id, no answer. The
 * client hands each to its `onNotice`.
 */
export interface WorkerNotice<N = unknown> {
  readonly notice: N
}

/** Sends a notice to the main thread (see WorkerNotice). */
export function notify<N>(port: MessagePort, notice: N): void {
  port.postMessage({ notice } satisfies WorkerNotice<N>)
}

export type CallHandlers<C extends Calls> = {
  [K in keyof C]: (input: C[K]['input']) => C[K]['output'] | Promise<C[K]['output']>
}

export function toWorkerErrorData(error: unknown): WorkerErrorData {
  if (error instanceof LabError || error instanceof EngineError)
    return { code: error.code, message: error.message }
  const e = error instanceof Error ? error : new Error(String(error))
  return { code: null, message: e.message, ...(e.stack ? { stack: e.stack } : {}) }
}

const ENGINE_CODES = new Set<string>([
  'not-started',
  'unknown-node',
  'unknown-link',
  'clock-in-past',
  'invalid-config',
  'invalid-argument',
] satisfies EngineErrorCode[])

/**
 * The error a worker answered with, as it was thrown there: the engine's refusals as EngineError
 * (so a sharded network refuses as the in-process one does), the lab's as LabError, a failure as
 * WorkerCallFailed.
 */
export function fromWorkerErrorData(data: WorkerErrorData): Error {
  if (data.code === null) return new WorkerCallFailed(data)
  if (ENGINE_CODES.has(data.code))
    return new EngineError(data.code as EngineErrorCode, data.message)
  return new LabError(data.code, data.message)
}

/** A call that failed in the worker for a cause outside the error model; its stack is the worker's. */
export class WorkerCallFailed extends Error {
  override readonly name = 'WorkerCallFailed'
  readonly workerStack: string | undefined
  constructor(data: WorkerErrorData) {
    super(data.message)
    this.workerStack = data.stack
  }
}

/**
 * Serves a worker's calls on its port in order of arrival. A handler that answers at once is
 * answered at once (the shard worker's calls are synchronous and many); one that answers a promise
 * is answered when it settles, the calls after it going on meanwhile (the writer's batches during
 * an import). `onError` hears every error before it is answered.
 */
export function serveCalls<C extends Calls>(
  port: MessagePort,
  handlers: CallHandlers<C>,
  onError?: (error: unknown) => void,
): void {
  const fail = (id: number, error: unknown) => {
    onError?.(error)
    port.postMessage({ id, ok: false, error: toWorkerErrorData(error) } satisfies WorkerResponse)
  }
  port.on('message', ({ id, call, input }: WorkerRequest<C>) => {
    let output: unknown
    try {
      output = handlers[call](input)
    } catch (error) {
      return fail(id, error)
    }
    if (output instanceof Promise)
      output.then(
        (value: unknown) =>
          port.postMessage({ id, ok: true, output: value } satisfies WorkerResponse),
        (error: unknown) => fail(id, error),
      )
    else port.postMessage({ id, ok: true, output } satisfies WorkerResponse)
  })
}

/**
 * The main thread's side of a worker: numbered calls, each answered by its own promise. When the
 * thread dies (an error, an exit not asked for) `onFailure` hears why; the owner then fails the
 * client, which refuses every call under way and every later one.
 */
export class WorkerClient<C extends Calls> {
  private readonly pending = new Map<
    number,
    { resolve: (output: unknown) => void; reject: (error: Error) => void }
  >()
  private lastId = 0
  private failure: Error | null = null
  private closing = false

  constructor(
    readonly worker: Worker,
    onFailure: (cause: string) => void,
    onNotice?: (notice: unknown) => void,
  ) {
    worker.on('message', (response: WorkerResponse | WorkerNotice) => {
      if ('notice' in response) return onNotice?.(response.notice)
      const waiting = this.pending.get(response.id)
      if (!waiting) return
      this.pending.delete(response.id)
      if (response.ok) waiting.resolve(response.output)
      else waiting.reject(fromWorkerErrorData(response.error))
    })
    // A thread may throw anything, not only an Error.
    worker.on('error', (error: unknown) =>
      onFailure(error instanceof Error ? (error.stack ?? error.message) : String(error)),
    )
    worker.on('exit', (code) => {
      if (!this.closing) onFailure(`exited with code ${code}`)
    })
  }

  /** `transfer`: buffers of the input moved to the thread rather than copied (gone from here). */
  call<K extends keyof C & string>(
    call: K,
    input: C[K]['input'],
    transfer?: readonly ArrayBuffer[],
  ): Promise<C[K]['output']> {
    if (this.failure) return Promise.reject(this.failure)
    const id = ++this.lastId
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (output: unknown) => void, reject })
      this.worker.postMessage({ id, call, input } satisfies WorkerRequest<C>, transfer)
    })
  }

  /** The thread can no longer be trusted: refuses every call under way and every later one. */
  fail(error: Error): void {
    this.failure ??= error
    for (const { reject } of this.pending.values()) reject(this.failure)
    this.pending.clear()
  }

  /** Ends the thread; its exit is then no failure. */
  async terminate(): Promise<void> {
    this.closing = true
    await this.worker.terminate()
  }
}
