import type { SequencedEvent } from '../../../shared/api-types'
import type { ScenarioEntry } from '../../../shared/scenario'
import { attackNote, ledgerOf } from '../events/attack-notes'
import { describeEvent } from '../events/log-entries'
import type { Chapter } from './scenario-steps'

/** A scenario's command, as the guide tells it. */
export function commandWords(command: ScenarioEntry['command']): string {
  switch (command.type) {
    case 'start':
      return command.node ? `${command.node} starts` : 'every node starts'
    case 'reset':
      return command.node ? `${command.node} is reset` : 'every node is reset'
    case 'mine':
      return `${command.node} is asked to mine`
    case 'submit-tx':
      return `${command.node} receives the transfer ${command.tx.sender} → ${command.tx.recipient}: ${command.tx.value}`
    case 'cut-link':
      return `the link ${command.a} — ${command.b} is cut`
    case 'heal-link':
      return `the link ${command.a} — ${command.b} heals`
    case 'step':
      return `${command.clocks} clocks pass`
    default:
      return command.type
  }
}

/** What the guide retells of a chapter's events: blocks mined, the attack, reorganisations. */
const TOLD = new Set<SequencedEvent['kind']>([
  'block.mined',
  'attack.withheld',
  'attack.published',
  'attack.abandoned',
  'chain.reorg',
])

/**
 * The lines of the live log that tell a chapter (its commands' clock excluded, its end included:
 * what the commands made happen), each as `clock node: what happened`.
 */
export function chapterEvents(
  log: readonly SequencedEvent[],
  chapter: Chapter,
  first: boolean,
): string[] {
  const ledger = ledgerOf(log)
  return log
    .filter(
      (e) =>
        TOLD.has(e.kind) &&
        (first ? e.clock >= chapter.at : e.clock > chapter.at) &&
        e.clock <= chapter.until,
    )
    .map((e) => `${e.clock} ${e.node}: ${describeEvent(e)}${attackNote(e, ledger)}`)
}
