import type { SequencedEvent } from '../../../shared/api-types'
import { AttackLedger } from '../chain/attack-ledger'
import { short } from './log-entries'

/** Per log array (the live log grows in place), its ledger and how many entries it has read. */
const ledgers = new WeakMap<readonly SequencedEvent[], { read: number; ledger: AttackLedger }>()

/**
 * The attacks told by a log's entries, read incrementally: the live log grows in place, and a
 * frame should cost the new entries, not the whole log. A shorter array than was read (never, for
 * arrays that only grow) starts over.
 */
export function ledgerOf(entries: readonly SequencedEvent[]): AttackLedger {
  let known = ledgers.get(entries)
  if (!known || known.read > entries.length) {
    known = { read: 0, ledger: new AttackLedger() }
    ledgers.set(entries, known)
  }
  for (; known.read < entries.length; known.read++) known.ledger.apply(entries[known.read]!)
  return known.ledger
}

const blocks = (n: number) => `${n} block${n === 1 ? '' : 's'}`

/**
 * What the log adds to an entry once later events tell it: which blocks a publication orphaned
 * (or that a tie orphaned nothing yet), and which reorganisations were onto an attacker's
 * published branch. Empty for every other entry.
 */
export function attackNote(event: SequencedEvent, ledger: AttackLedger): string {
  if (event.kind === 'attack.published') {
    const orphaned = [...(ledger.publications.get(event.seq)?.orphaned.keys() ?? [])]
    if (orphaned.length > 0)
      return ` · orphaned ${blocks(orphaned.length)}: ${orphaned.map(short).join(', ')}`
    return event.rule === 'match'
      ? ' · nothing orphaned yet: each node keeps what it saw first'
      : ''
  }
  if (event.kind === 'chain.reorg') {
    const by = ledger.reorgs.get(event.seq)
    return by ? ` · onto ${by.by}'s branch published at clock ${by.at}` : ''
  }
  return ''
}
