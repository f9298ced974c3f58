import * as z from 'zod'
import { createConfig, type NetworkConfig } from '../../../core/config'
import { configOverLimit } from '../../../shared/limits'
import { RUN_STATUSES } from '../../../shared/run-types'
import { commandSchema } from '../../../shared/command-schema'
import { MAX_STEP, dialectSchema } from '../../../shared/schemas'
import type { TableName } from './run-file'

/**
 * What a run file may hold, checked line by line before anything of it is written: the same
 * limits the live API puts on a new network and on every command, so an imported run can do
 * nothing a recorded one could not (a step of 10^12 clocks, a config no network accepts).
 */

const count = z.number().int().min(0)
const clock = z.number().int().min(0)

/** A JSON text column whose content must itself parse and pass `check`. */
function jsonText<T extends z.ZodType>(inner: T) {
  return z.string().transform((text, ctx) => {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not JSON' })
      return z.NEVER
    }
    const parsed = inner.safeParse(value)
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path })
      return z.NEVER
    }
    return parsed.data as z.output<T>
  })
}

/**
 * The stored NetworkConfig, held to what `createConfig` (every new network) accepts and to the
 * lab's limits: a run at difficulty 32 would take hours to replay.
 */
export const storedConfigSchema = z.unknown().transform((value, ctx): NetworkConfig => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'is not a network config' })
    return z.NEVER
  }
  try {
    const config = createConfig(value)
    const over = configOverLimit(config)
    if (over) {
      ctx.addIssue({ code: 'custom', message: over })
      return z.NEVER
    }
    return config
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'invalid' })
    return z.NEVER
  }
})

export const runHeaderSchema = z
  .object({
    name: z.string().max(1_000),
    notes: z.string().max(100_000),
    createdAt: z.string(),
    endedAt: z.string().nullable(),
    status: z.enum(RUN_STATUSES),
    config: jsonText(storedConfigSchema),
    dialect: dialectSchema,
    appVersion: z.string().max(100),
    parentRunId: z.number().int().min(1).nullable(),
    branchClock: clock.nullable(),
    /** Whose it was on the machine it came from; never this machine's (the import clears it). */
    ownerPid: z.number().int().nullable().optional(),
    ownerLock: z.string().max(100).nullable().optional(),
    clocks: clock,
    commands: count,
    events: count,
    blocks: count,
  })
  .strict()

export const fileHeaderSchema = z
  .object({ format: z.string(), version: z.number(), run: runHeaderSchema })
  .strict()

const jsonObject = jsonText(z.record(z.string(), z.unknown()))

/** Every row of a run, as the exporter writes it (its table's columns but the run's id). */
export const ROW_SCHEMAS: Record<TableName, z.ZodType> = {
  blocks: z
    .object({
      ordinal: count,
      hash: z.string(),
      height: count,
      parent: z.string(),
      miner: z.string().nullable(),
      clock,
      data: jsonObject,
    })
    .strict(),
  transactions: z
    .object({
      id: z.string(),
      sender: z.string().nullable(),
      recipient: z.string(),
      value: z.number().int(),
      node: z.string(),
      clock,
    })
    .strict(),
  commands: z
    .object({
      seq: count,
      clock,
      clockAfter: clock,
      origin: z.string(),
      command: jsonText(commandSchema),
      result: z.string().nullable(),
      eventsBefore: count,
    })
    .strict()
    .refine((row) => row.clockAfter >= row.clock && row.clockAfter - row.clock <= MAX_STEP, {
      message: `a command moves the clock forward by at most ${MAX_STEP}`,
      path: ['clockAfter'],
    }),
  events: z
    .object({ seq: count, clock, node: z.string(), kind: z.string(), data: jsonObject })
    .strict(),
  checkpoints: z.object({ commandSeq: count, clock, state: jsonObject }).strict(),
}

/** The first issue of a failed parse, as `field: reason`. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!
  const path = issue.path.map(String).join('.')
  return path ? `${path}: ${issue.message}` : issue.message
}
