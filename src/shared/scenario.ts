import * as z from 'zod'
import type { Command } from '../core/command-types'
import { createNetworkSchema, nodeName } from './schemas'

/**
 * A scenario: a network and timed commands, played headless by `npm run lab -- --scenario FILE`
 * and written back out from any recorded run. Entries are played in order; `at` is the network
 * clock a command takes effect, and the player first steps every node together up to it (never
 * back: after a reset, `at` starts again from 0). Finally it steps up to `until`.
 */
const at = z.number().int().min(0)
const link = { a: nodeName, b: nodeName }

export const scenarioEntrySchema = z.discriminatedUnion('do', [
  z.object({ at, do: z.literal('start'), node: nodeName.optional() }).strict(),
  z.object({ at, do: z.literal('reset'), node: nodeName.optional() }).strict(),
  z.object({ at, do: z.literal('restart'), node: nodeName }).strict(),
  z.object({ at, do: z.literal('mine'), node: nodeName }).strict(),
  z
    .object({
      at,
      do: z.literal('tx'),
      node: nodeName,
      sender: z.string().min(1),
      recipient: z.string().min(1),
      // Any number: a refused transfer is part of what happened, and replays as refused.
      value: z.number(),
    })
    .strict(),
  z.object({ at, do: z.literal('step'), clocks: z.number().int().min(1) }).strict(),
  z.object({ at, do: z.literal('clock'), node: nodeName, clock: z.number().int().min(0) }).strict(),
  z.object({ at, do: z.literal('cut'), ...link }).strict(),
  z.object({ at, do: z.literal('heal'), ...link }).strict(),
  z.object({ at, do: z.literal('link'), ...link }).strict(),
  z.object({ at, do: z.literal('unlink'), ...link }).strict(),
  z.object({ at, do: z.literal('clear-peers'), node: nodeName }).strict(),
  z.object({ at, do: z.literal('auto-mine'), interval: z.number().min(1).nullable() }).strict(),
  z.object({ at, do: z.literal('workload'), rate: z.number().min(0).nullable() }).strict(),
])

export const scenarioSchema = z
  .object({
    name: z.string().max(200).optional(),
    description: z.string().max(5_000).optional(),
    /** The network, with the same settings a new network takes over the lab API. */
    network: createNetworkSchema.default({}),
    commands: z.array(scenarioEntrySchema),
    /** The clock to play to after the last command (default: that command's clock). */
    until: z.number().int().min(0).optional(),
  })
  .strict()

export type Scenario = z.infer<typeof scenarioSchema>
export type ScenarioEntry = z.infer<typeof scenarioEntrySchema>

/** The engine command an entry stands for. */
export function entryToCommand(entry: ScenarioEntry): Command {
  switch (entry.do) {
    case 'start':
      return entry.node ? { type: 'start', node: entry.node } : { type: 'start' }
    case 'reset':
      return entry.node ? { type: 'reset', node: entry.node } : { type: 'reset' }
    case 'restart':
      return { type: 'restart', node: entry.node }
    case 'mine':
      return { type: 'mine', node: entry.node }
    case 'tx':
      return {
        type: 'submit-tx',
        node: entry.node,
        tx: { sender: entry.sender, recipient: entry.recipient, value: entry.value },
      }
    case 'step':
      return { type: 'step', clocks: entry.clocks }
    case 'clock':
      return { type: 'step-node', node: entry.node, clock: entry.clock }
    case 'cut':
      return { type: 'cut-link', a: entry.a, b: entry.b }
    case 'heal':
      return { type: 'heal-link', a: entry.a, b: entry.b }
    case 'link':
      return { type: 'add-link', a: entry.a, b: entry.b }
    case 'unlink':
      return { type: 'remove-link', a: entry.a, b: entry.b }
    case 'clear-peers':
      return { type: 'clear-peers', node: entry.node }
    case 'auto-mine':
      return { type: 'set-auto-mine', interval: entry.interval }
    case 'workload':
      return { type: 'set-workload', rate: entry.rate }
  }
}

/**
 * The entry for a recorded command, or null for a network step: steps are implied by the next
 * entry's `at` (stepping by a then b clocks is stepping by a + b).
 */
export function commandToEntry(command: Command, at: number): ScenarioEntry | null {
  switch (command.type) {
    case 'start':
    case 'reset':
      return command.node ? { at, do: command.type, node: command.node } : { at, do: command.type }
    case 'restart':
      return { at, do: 'restart', node: command.node }
    case 'mine':
      return { at, do: 'mine', node: command.node }
    case 'submit-tx':
      return { at, do: 'tx', node: command.node, ...command.tx }
    case 'step':
      return null
    case 'step-node':
      return { at, do: 'clock', node: command.node, clock: command.clock }
    case 'cut-link':
      return { at, do: 'cut', a: command.a, b: command.b }
    case 'heal-link':
      return { at, do: 'heal', a: command.a, b: command.b }
    case 'add-link':
      return { at, do: 'link', a: command.a, b: command.b }
    case 'remove-link':
      return { at, do: 'unlink', a: command.a, b: command.b }
    case 'clear-peers':
      return { at, do: 'clear-peers', node: command.node }
    case 'set-auto-mine':
      return { at, do: 'auto-mine', interval: command.interval }
    case 'set-workload':
      return { at, do: 'workload', rate: command.rate }
  }
}
