import * as z from 'zod'
import type { Command } from '../core/command-types'
import { nodeName } from './schemas'

/**
 * A scenario entry as files written before entries became commands put it, in words of its own
 * (`{ "at": 4, "do": "mine", "node": "node1" }`). Users may keep such files, so they are still
 * read: each entry becomes the command it stood for. Nothing writes this form any more.
 */
const at = z.number().int().min(0)
const link = { a: nodeName, b: nodeName }

export const legacyEntrySchema = z.discriminatedUnion('do', [
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

export type LegacyEntry = z.infer<typeof legacyEntrySchema>

/** Whether a raw entry is in the older form (it has `do`, where an entry now has `command`). */
export function isLegacyEntry(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'do' in value
}

/** The command an older entry stood for. */
export function commandOfLegacyEntry(entry: LegacyEntry): Command {
  switch (entry.do) {
    case 'start':
    case 'reset':
      return entry.node ? { type: entry.do, node: entry.node } : { type: entry.do }
    case 'restart':
    case 'mine':
    case 'clear-peers':
      return { type: entry.do, node: entry.node }
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
    case 'auto-mine':
      return { type: 'set-auto-mine', interval: entry.interval }
    case 'workload':
      return { type: 'set-workload', rate: entry.rate }
  }
}
