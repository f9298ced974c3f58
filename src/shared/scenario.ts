import * as z from 'zod'
import type { Command } from '../core/command-types'
import { commandSchema } from './command-schema'
import { commandOfLegacyEntry, isLegacyEntry, legacyEntrySchema } from './scenario-legacy'
import { createNetworkSchema } from './schemas'

/**
 * A scenario: a network and timed commands, played headless by `npm run lab -- --scenario FILE`
 * and written back out from any recorded run. Each entry is a command in the engine's own words
 * (the same a run records) and `at`, the network clock it takes effect at. Entries are played in
 * order; the player first steps every node together up to each entry's `at` (never back: after a
 * reset, `at` starts again from 0). Finally it steps up to `until`.
 */
export interface ScenarioEntry {
  readonly at: number
  readonly command: Command
}

const entrySchema = z.object({ at: z.number().int().min(0), command: commandSchema }).strict()

/** An entry as written now, or in the older `do` form (still read, as the command it meant). */
const anyEntrySchema = z.unknown().transform((value, ctx): ScenarioEntry => {
  const parsed = isLegacyEntry(value)
    ? legacyEntrySchema.safeParse(value)
    : entrySchema.safeParse(value)
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path })
    return z.NEVER
  }
  const entry = parsed.data
  return 'do' in entry ? { at: entry.at, command: commandOfLegacyEntry(entry) } : entry
})

export const scenarioSchema = z
  .object({
    name: z.string().max(200).optional(),
    description: z.string().max(5_000).optional(),
    /** The network, with the same settings a new network takes over the lab API. */
    network: createNetworkSchema.default({}),
    commands: z.array(anyEntrySchema),
    /** The clock to play to after the last command (default: that command's clock). */
    until: z.number().int().min(0).optional(),
  })
  .strict()

export type Scenario = z.output<typeof scenarioSchema>

/**
 * A run's recorded commands as scenario entries. Network steps are left out: they are implied by
 * the next entry's `at` (stepping by a then b clocks is stepping by a + b).
 */
export function scenarioEntries(
  recorded: Iterable<{ readonly command: Command; readonly clock: number }>,
): ScenarioEntry[] {
  const entries: ScenarioEntry[] = []
  for (const { command, clock } of recorded)
    if (command.type !== 'step') entries.push({ at: clock, command })
  return entries
}
