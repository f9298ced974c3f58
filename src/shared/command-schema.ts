import * as z from 'zod'
import { MAX_STEP, autoMineSchema, nodeName, transferSchema, workloadSchema } from './schemas'

const clock = z.number().int().min(0)

/**
 * A command as data (a recorded one, a scenario's), with the limits its live route has: a run
 * file or a scenario can ask nothing of a network that the live API would refuse.
 */
export const commandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), node: nodeName.optional() }).strict(),
  z.object({ type: z.literal('reset'), node: nodeName.optional() }).strict(),
  z.object({ type: z.literal('restart'), node: nodeName }).strict(),
  z.object({ type: z.literal('mine'), node: nodeName }).strict(),
  z.object({ type: z.literal('submit-tx'), node: nodeName, tx: transferSchema }).strict(),
  z.object({ type: z.literal('step-node'), node: nodeName, clock }).strict(),
  z.object({ type: z.literal('step'), clocks: z.number().int().min(1).max(MAX_STEP) }).strict(),
  ...(['cut-link', 'heal-link', 'add-link', 'remove-link'] as const).map((type) =>
    z.object({ type: z.literal(type), a: nodeName, b: nodeName }).strict(),
  ),
  z.object({ type: z.literal('clear-peers'), node: nodeName }).strict(),
  autoMineSchema.extend({ type: z.literal('set-auto-mine') }).strict(),
  workloadSchema.extend({ type: z.literal('set-workload') }).strict(),
])
