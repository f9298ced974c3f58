import type { EngineEvent, EngineEventKind } from '../events'
import { selfishRevenue } from './attack-theory'

/** What a selfish-mining experiment reports (`attack` in its JSON). */
export interface SelfishReport {
  readonly kind: 'selfish'
  /** α: the attacker's configured share of the hash power. */
  readonly attackerPower: number
  /** The attacker's share of the final main chain's blocks (genesis left out). */
  readonly revenueShare: number
  /** γ measured: of the honest blocks that settled a tie, the share mined on the attacker's block. */
  readonly gamma: number
  /** How many ties honest blocks settled (γ's sample size). */
  readonly ties: number
  /** Eyal & Sirer's revenue R at α and the measured γ. */
  readonly predictedRevenueShare: number
}

/**
 * Measures a selfish miner from a run's events. A tie opens when the attacker publishes a block to
 * match an honest one (`match`); the first block mined at the next height settles it. When an
 * honest node mined that block, its parent says which branch it chose: γ is the share of those
 * blocks built on the attacker's.
 */
export class SelfishCollector {
  /** The only kinds of events it reads (see MetricsCollector.EVENT_KINDS). */
  static readonly EVENT_KINDS: readonly EngineEventKind[] = ['attack.published', 'block.mined']
  private tie: { readonly height: number; readonly hash: string } | null = null
  private ties = 0
  private onAttacker = 0

  constructor(
    private readonly attacker: string,
    private readonly attackerPower: number,
  ) {}

  add(events: readonly EngineEvent[]): void {
    for (const e of events) {
      if (e.kind === 'attack.published' && e.rule === 'match') {
        const last = e.blocks[e.blocks.length - 1]
        if (last) this.tie = { height: last.height, hash: last.hash }
      } else if (e.kind === 'block.mined' && this.tie && e.block.id === this.tie.height + 1) {
        if (e.node !== this.attacker) {
          this.ties++
          if (e.block.previous_block_hash === this.tie.hash) this.onAttacker++
        }
        this.tie = null
      }
    }
  }

  /** The report, given the miners of the final main chain (genesis first). */
  finish(mainChainMiners: readonly (string | null)[]): SelfishReport {
    const blocks = mainChainMiners.slice(1)
    const mine = blocks.filter((m) => m === this.attacker).length
    const gamma = this.ties > 0 ? this.onAttacker / this.ties : 0
    return {
      kind: 'selfish',
      attackerPower: this.attackerPower,
      revenueShare: blocks.length > 0 ? mine / blocks.length : 0,
      gamma,
      ties: this.ties,
      predictedRevenueShare: selfishRevenue(this.attackerPower, gamma),
    }
  }
}
