// What goes through the queue: a run of a sweep as data (settings and a seed), and what comes
// back. Both sides import this, so the submitter and the workers agree on one shape.
import * as z from 'zod'
import { DEFAULT_SETTINGS, expandSweep, sweepSchema, type SweepJob } from '../../../shared/sweep'
import type { SweepJobOutput } from '../run-sweep-job'

/** The one queue every sweep goes through; a sweep's jobs are told apart by their ids. */
export const QUEUE_NAME = 'chain-lab-sweeps'

/** The only kind of run a worker executes: anything else on the queue is refused. */
export const RUN_KIND = 'experiment'

/** Published with a sweep id when the sweep is cancelled, so workers stop its running jobs. */
export const CANCEL_CHANNEL = 'chain-lab:sweep-cancelled'

/** Set (for a day) when a sweep is cancelled, so a job taken after the message is refused too. */
export const cancelledKey = (sweepId: string) => `chain-lab:sweep-cancelled:${sweepId}`

/**
 * Kept alive by the submitter while it follows its sweep: the runs of a sweep whose submitter
 * died (killed, machine gone) are refused rather than run for nobody.
 */
export const followedKey = (sweepId: string) => `chain-lab:sweep-followed:${sweepId}`
export const FOLLOWED_SECONDS = 60

export const jobId = (sweepId: string, index: number) => `${sweepId}-${index}`

const sweepIdSchema = z.string().regex(/^[A-Za-z0-9]{1,64}$/)

const jobDataSchema = z
  .object({
    sweep: sweepIdSchema,
    index: z.number().int().min(0),
    settings: z.record(z.string(), z.unknown()),
    seed: z.number().int(),
    /** The submitter records runs: a worker started with --record sends each run file back. */
    record: z.boolean(),
  })
  .strict()

export type SweepJobData = z.infer<typeof jobDataSchema>

export function jobData(sweepId: string, index: number, job: SweepJob, record: boolean) {
  return { sweep: sweepId, index, settings: { ...job.settings }, seed: job.seed, record }
}

/** A job that is not a run of the lab's: the reason it is refused (failed, never executed). */
export class MalformedJobError extends Error {
  override readonly name = 'MalformedJobError'
}

/**
 * Settings added after queues were in use, with a default that means "as before": a job from a
 * submitter that predates one still runs, as it would have.
 */
const DEFAULTED_SETTINGS: ReadonlySet<string> = new Set([
  'selfishPower',
  'doubleSpendPower',
  'confirmations',
  'trials',
])

const describe = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ')

/**
 * A job's data checked as a sweep file is: the settings must be complete and each within the
 * sweep schema's bounds, so a worker only ever runs what a sweep file could have asked for.
 */
export function parseJob(
  name: string,
  data: unknown,
): { sweep: string; index: number; job: SweepJob; record: boolean } {
  if (name !== RUN_KIND) throw new MalformedJobError(`"${name}" is not a kind of run of the lab`)
  const parsed = jobDataSchema.safeParse(data)
  if (!parsed.success) throw new MalformedJobError(describe(parsed.error))
  const { sweep, index, settings, seed, record } = parsed.data
  const missing = Object.keys(DEFAULT_SETTINGS).filter(
    (key) => !(key in settings) && !DEFAULTED_SETTINGS.has(key),
  )
  if (missing.length > 0) throw new MalformedJobError(`settings: missing ${missing.join(', ')}`)
  const asSweep = sweepSchema.safeParse({ base: settings, vary: {}, seeds: [seed] })
  if (!asSweep.success) throw new MalformedJobError(describe(asSweep.error))
  let jobs: SweepJob[]
  try {
    jobs = expandSweep(asSweep.data)
  } catch (error) {
    throw new MalformedJobError(error instanceof z.ZodError ? describe(error) : String(error))
  }
  return { sweep, index, job: jobs[0] as SweepJob, record }
}

/** Where a recorded run's file waits in Redis: gzip in chunks, a list under `key`. */
export interface RunFileRef {
  readonly key: string
  readonly chunks: number
  readonly bytes: number
}

/** What a worker returns for a run. */
export interface SweepJobResult {
  readonly metrics: SweepJobOutput
  readonly runFile: RunFileRef | null
  /** The worker that ran it: host name and process id. */
  readonly worker: string
}

const runFileRefSchema = z.object({
  key: z.string().startsWith('chain-lab:run-file:'),
  chunks: z.number().int().min(0),
  bytes: z.number().int().min(0),
})

/** A job's result, checked before the submitter takes it in (a queue is shared ground). */
export function parseResult(value: unknown): SweepJobResult {
  const raw: unknown = typeof value === 'string' ? JSON.parse(value) : value
  const parsed = z
    .object({
      metrics: z.union([
        z.looseObject({ clocks: z.number(), staleRate: z.number() }),
        // A double spend's run: its attempts, no clocked run.
        z.looseObject({
          kind: z.literal('trials'),
          attack: z.looseObject({ kind: z.literal('double-spend'), trials: z.number() }),
        }),
      ]),
      runFile: runFileRefSchema.nullable(),
      worker: z.string().max(300),
    })
    .safeParse(raw)
  if (!parsed.success) throw new MalformedJobError(`a malformed result: ${describe(parsed.error)}`)
  // The value as it came, not the parser's copy: the metrics keep their order, byte for byte.
  return raw as SweepJobResult
}
