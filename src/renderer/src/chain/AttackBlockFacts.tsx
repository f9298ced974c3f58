import { publishReason, short } from '../events/log-entries'
import type { AttackMark, Publication } from './attack-ledger'

const audience = (p: Publication) => (p.to ? `to ${p.to} alone` : 'to every peer')

/** A block's place in an attack, in one line: the tree's label and title say it. */
export function markWords(mark: AttackMark): string {
  switch (mark.kind) {
    case 'withheld':
      return `withheld by ${mark.by} since clock ${mark.since}`
    case 'published':
      return `withheld by ${mark.by}, published at clock ${mark.publication.at}`
    case 'abandoned':
      return `withheld by ${mark.by}, abandoned at clock ${mark.at}`
    case 'orphaned':
      return `orphaned by ${mark.publication.by}'s blocks published at clock ${mark.publication.at}`
  }
}

/** In a block's detail: what an attack did with it, and, for a publication, what it orphaned. */
export function AttackBlockFacts({ mark }: { mark: AttackMark | null }) {
  if (!mark) return null
  return (
    <p className={`attack-facts attack-${mark.kind}`} data-testid="block-attack">
      {describe(mark)}
    </p>
  )
}

function describe(mark: AttackMark): string {
  switch (mark.kind) {
    case 'withheld':
      return `⚔ Withheld by ${mark.by} since clock ${mark.since}: no other node has it yet. It stays private until ${mark.by}'s strategy publishes it.`
    case 'published': {
      const p = mark.publication
      const orphaned = [...p.orphaned.keys()].map(short)
      return `⚔ Withheld by ${mark.by}, published at clock ${p.at} ${audience(p)}: ${publishReason(p.rule)}. ${orphaned.length ? `It orphaned ${orphaned.join(', ')}.` : 'It has orphaned no block (yet).'}`
    }
    case 'abandoned':
      return `⚔ Withheld by ${mark.by}, abandoned unpublished at clock ${mark.at}: ${mark.rule === 'gave-up' ? '20 blocks behind, it gave up' : 'the public chain overtook it'}.`
    case 'orphaned': {
      const p = mark.publication
      return `✕ Orphaned: ${p.by} published its withheld blocks at clock ${p.at} (${publishReason(p.rule)}), and from clock ${mark.at} nodes abandoned this block for them.`
    }
  }
}
