import type { SequencedEvent } from '../../../shared/api-types'

/** An attacker's publication of withheld blocks: when, why, and the blocks it orphaned. */
export interface Publication {
  readonly seq: number
  readonly by: string
  readonly at: number
  /** The step of the strategy that decided it (match, override, overtake…). */
  readonly rule: string
  /** Its victim alone (an eclipse), or null: every peer. */
  readonly to: string | null
  readonly blocks: readonly string[]
  /** Blocks some node abandoned for this publication's, and when first. */
  readonly orphaned: Map<string, number>
}

/** What an attack did with one of the attacker's own blocks. */
export interface AttackBlock {
  readonly by: string
  /** The clock it was withheld from. */
  readonly withheldAt: number
  published: Publication | null
  /** When the attacker dropped it unpublished, and why (overtaken, gave-up). */
  abandoned: { readonly at: number; readonly rule: string } | null
}

/** Where a block stands in an attack at a clock. */
export type AttackMark =
  | { readonly kind: 'withheld'; readonly by: string; readonly since: number }
  | { readonly kind: 'published'; readonly by: string; readonly publication: Publication }
  | { readonly kind: 'abandoned'; readonly by: string; readonly at: number; readonly rule: string }
  | { readonly kind: 'orphaned'; readonly publication: Publication; readonly at: number }

/**
 * The attacks of a run read from its events: which blocks each attacker withheld and since when,
 * when it published them (and why), and which blocks its publications orphaned. A publication
 * orphans what a receiving node abandons when it reorganises onto the published blocks
 * (`chain.reorg` names both sides); a tie (`match`) orphans nothing until a later block settles it.
 */
export class AttackLedger {
  readonly blocks = new Map<string, AttackBlock>()
  readonly publications = new Map<number, Publication>()
  /** Each published block's publication, to find the one a reorganisation adopted. */
  private readonly publishedIn = new Map<string, Publication>()
  /** Honest blocks orphaned by a publication: the one that did it. */
  private readonly orphanedBy = new Map<string, Publication>()
  /** Reorganisations (by the event's seq) onto a publication's blocks. */
  readonly reorgs = new Map<number, Publication>()

  get isEmpty(): boolean {
    return this.blocks.size === 0
  }

  apply(event: SequencedEvent): void {
    switch (event.kind) {
      case 'attack.withheld':
        this.blocks.set(event.block.hash, {
          by: event.node,
          withheldAt: event.clock,
          published: null,
          abandoned: null,
        })
        return
      case 'attack.published': {
        const publication: Publication = {
          seq: event.seq,
          by: event.node,
          at: event.clock,
          rule: event.rule,
          to: event.to,
          blocks: event.blocks.map((b) => b.hash),
          orphaned: new Map(),
        }
        this.publications.set(event.seq, publication)
        for (const hash of publication.blocks) {
          this.publishedIn.set(hash, publication)
          const block = this.blocks.get(hash)
          if (block && !block.published) block.published = publication
        }
        return
      }
      case 'attack.abandoned':
        for (const hash of event.blocks) {
          const block = this.blocks.get(hash)
          if (block && !block.published) block.abandoned = { at: event.clock, rule: event.rule }
        }
        return
      case 'chain.reorg': {
        // The latest publication among the blocks adopted: the one that won the node over.
        let by: Publication | undefined
        for (const hash of event.adopted) {
          const p = this.publishedIn.get(hash)
          if (p && (!by || p.seq > by.seq)) by = p
        }
        if (!by) return
        this.reorgs.set(event.seq, by)
        for (const hash of event.abandoned) {
          // An attacker's block the same attack published is not its victim.
          if (this.blocks.get(hash)?.by === by.by) continue
          if (!by.orphaned.has(hash)) by.orphaned.set(hash, event.clock)
          if (!this.orphanedBy.has(hash)) this.orphanedBy.set(hash, by)
        }
        return
      }
      default:
        return
    }
  }

  /** Where a block stands at `clock` (a replay's; live: now): null when no attack touched it. */
  markOf(hash: string, clock = Infinity): AttackMark | null {
    const own = this.blocks.get(hash)
    if (own) {
      if (own.withheldAt > clock) return null
      if (own.published && own.published.at <= clock)
        return { kind: 'published', by: own.by, publication: own.published }
      if (own.abandoned && own.abandoned.at <= clock)
        return { kind: 'abandoned', by: own.by, ...own.abandoned }
      return { kind: 'withheld', by: own.by, since: own.withheldAt }
    }
    const publication = this.orphanedBy.get(hash)
    const at = publication?.orphaned.get(hash)
    if (publication && at !== undefined && at <= clock) return { kind: 'orphaned', publication, at }
    return null
  }
}
