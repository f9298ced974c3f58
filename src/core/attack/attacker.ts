import type { Block } from '../chain/block'
import type { BlockTree, ChainEntry } from '../chain/block-tree'
import type { Transaction } from '../chain/transaction'
import { blockRef, type EngineEvent } from '../events'
import type { TxPool } from '../node/tx-pool'
import type { Work } from '../node/work'
import { sha256Hex } from '../pow/sha256'
import type { Attack, AttackPayment } from './attack-config'
import {
  createRaceState,
  raceOnBranchBlock,
  raceOnOwnBlock,
  raceOnPublicBlock,
  type RaceState,
} from './double-spend-race'
import {
  createSelfishState,
  selfishOnOthersBlock,
  selfishOnOwnBlock,
  type SelfishState,
} from './selfish-miner'

/** An attacker's state as plain data, part of its node's state (checkpoints resume it). */
export interface AttackerState {
  /** The tip of the private branch it mines on (null: the main chain, as an honest node). */
  readonly privateTip: string | null
  /** Its own blocks not yet published, lowest first. */
  readonly withheld: readonly string[]
  readonly selfish: SelfishState | null
  readonly race: RaceState | null
  /**
   * Eclipse: the victim's payment as the attacker first received it. Kept here because its pool
   * drops it once the network's conflicting payment is confirmed on its own main chain. Only an
   * eclipse attacker's state has the key.
   */
  readonly payment?: Transaction
  /**
   * Eclipse: the eclipse is over. The victim sent the attacker a block off its branch and higher
   * than it: it has the network's longer chain now, and feeding it the branch can no longer win
   * (docs/attacks.md). The attacker stopped and acts as an honest node from then on. Only an
   * eclipse attacker's state has the key, and only once it has stopped.
   */
  readonly ended?: true
}

/** What a block mined now would be: its parent and transactions. */
export interface MiningPlan {
  readonly tip: ChainEntry
  readonly transactions: Transaction[]
}

const INITIAL: AttackerState = { privateTip: null, withheld: [], selfish: null, race: null }

/**
 * A node's adversarial part: where it mines, which of its blocks it withholds, and when it
 * publishes them, following its strategy's pure state machine (selfish-miner.ts,
 * double-spend-race.ts). The node calls it at three points: when it starts mining, when it has
 * mined a block, and when it has received blocks; everything else the node does as usual.
 */
export class Attacker {
  private state: AttackerState = INITIAL
  /** The payment to itself that a double spend mines in private (the same coins). */
  private readonly conflicting: Transaction | null

  constructor(
    readonly attack: Attack,
    private readonly id: string,
    private readonly emit: (event: EngineEvent) => void,
  ) {
    const p = attack.payment
    this.conflicting =
      attack.kind === 'double-spend' && p
        ? {
            id: sha256Hex(`double-spend:${id}:${p.sender}:${p.refund}:${p.value}`).slice(0, 16),
            sender: p.sender,
            recipient: p.refund,
            value: p.value,
          }
        : null
    if (attack.kind === 'selfish') this.state = { ...INITIAL, selfish: createSelfishState(0) }
  }

  get privateLead(): number {
    const { selfish, race } = this.state
    if (selfish) return selfish.privateHeight - selfish.publicHeight
    if (race && race.outcome === 'racing') return race.privateHeight - race.publicHeight
    return 0
  }

  exportState(): AttackerState {
    return this.state
  }

  importState(state: AttackerState): void {
    this.state = state
  }

  reset(): void {
    this.state =
      this.attack.kind === 'selfish' ? { ...INITIAL, selfish: createSelfishState(0) } : INITIAL
  }

  /** Where to mine and what to put in the block (null: as an honest node would). */
  plan(tree: BlockTree, pool: TxPool): MiningPlan | null {
    const { attack, state } = this
    if (attack.kind === 'selfish') return null
    if (attack.kind === 'double-spend') {
      if (state.race === null && pool.all().some((tx) => this.isPayment(tx)))
        this.state = {
          ...state,
          privateTip: tree.tip.block.hash,
          race: createRaceState(tree.tip.height, attack.confirmations),
        }
      if (this.state.race?.outcome !== 'racing') return null
    } else if (state.ended) {
      return null
    } else if (state.privateTip === null) {
      this.state = { ...state, privateTip: this.eclipseFork(tree.tip).block.hash }
    }
    const tip = tree.entry(this.state.privateTip as string) as ChainEntry
    return { tip, transactions: this.privateTransactions(tip, pool) }
  }

  /** Its own block was mined and added to its tree: the work that follows (null: withheld). */
  onMined(tree: BlockTree, block: Block, t: number): Work | null {
    const { attack, state } = this
    const broadcast: Work = { kind: 'broadcast-block', block }
    if (attack.kind === 'selfish') {
      const selfish = state.selfish as SelfishState
      // Mined on a tip the public chain has passed meanwhile: a stale block, of no use.
      if (block.id !== selfish.privateHeight + 1) return null
      const step = selfishOnOwnBlock(selfish)
      this.state = { ...state, selfish: step.state, withheld: [...state.withheld, block.hash] }
      this.withhold(block, t)
      return this.publish(tree, step.publishTo, step.rule, t)
    }
    if (attack.kind === 'double-spend' && state.race?.outcome === 'published') {
      // Its branch is the public chain now and it mines there as an honest node would; the race
      // counts the block, so that a later honest block of the same height is known for a tie.
      this.onBranchBlock(tree, block)
      return broadcast
    }
    const racing = (attack.kind === 'eclipse' && !state.ended) || state.race?.outcome === 'racing'
    if (!racing || block.previous_block_hash !== state.privateTip) return broadcast
    this.state = { ...state, privateTip: block.hash, withheld: [...state.withheld, block.hash] }
    this.withhold(block, t)
    if (attack.kind === 'eclipse') return this.publish(tree, block.id, 'feed-victim', t)
    const race = raceOnOwnBlock(state.race as RaceState)
    this.state = { ...this.state, race }
    return race.outcome === 'published' ? this.publish(tree, block.id, 'overtake', t) : null
  }

  /**
   * Blocks from a peer (`from`) were added to its tree; `relay` is what an honest node would do
   * next. Returns what this node does next instead.
   */
  onReceived(
    tree: BlockTree,
    blocks: readonly Block[],
    relay: Work | null,
    t: number,
    from: string | null = null,
  ): Work | null {
    const { attack } = this
    if (attack.kind === 'eclipse' && this.state.ended) return relay
    let ended = false
    let publishTo: number | null = null
    let rule = ''
    for (const block of blocks) {
      if (block.miner === this.id || !tree.entry(block.hash)) continue
      if (attack.kind === 'selfish') {
        const step = selfishOnOthersBlock(this.state.selfish as SelfishState, block.id)
        if (step.rule === 'adopt') this.abandon('overtaken', t)
        this.state = { ...this.state, selfish: step.state }
        if (step.publishTo !== null) {
          publishTo = Math.max(publishTo ?? 0, step.publishTo)
          rule = step.rule
        }
      } else if (attack.kind === 'double-spend') {
        const before = this.state.race?.outcome
        const after = this.raceOnBlock(tree, block, t)
        // Publish when the branch has just become the longer one (again, after a lost tie).
        if (after === 'published' && before !== 'published')
          publishTo = this.state.race?.privateHeight ?? null
        else if (after !== 'published') publishTo = null
        rule = 'overtake'
      } else if (
        attack.attackers.includes(block.miner ?? '') ||
        (block.miner !== null && block.miner === attack.merchant)
      ) {
        // A fellow attacker's block, come back through the victim, or the victim's own, mined on
        // the chain it is fed: the eclipsed branch is one, and extending the victim's blocks
        // rather than racing them is what a rational attacker does with the victim's hash power.
        const tip = this.state.privateTip ? tree.entry(this.state.privateTip) : undefined
        if (!tip || block.id > tip.height) this.state = { ...this.state, privateTip: block.hash }
      } else if (from === attack.merchant && this.passesBranch(tree, block)) {
        ended = true
      }
    }
    if (attack.kind === 'eclipse') {
      if (!ended) return null
      this.endEclipse(t)
      return relay
    }
    if (attack.kind === 'double-spend')
      return (publishTo !== null ? this.publish(tree, publishTo, rule, t) : null) ?? relay
    return publishTo !== null ? this.publish(tree, publishTo, rule, t) : relay
  }

  /**
   * A transaction was received; `relay` is its honest relay. Eclipse attackers relay nothing: the
   * victim must not hear of the network's transfers (the conflicting payment among them), nor the
   * network of the victim's.
   */
  onTxReceived(relay: Work | null): Work | null {
    if (this.attack.kind !== 'eclipse' || this.state.ended) return relay
    if (relay?.kind === 'broadcast-tx' && !this.state.payment && this.isPayment(relay.tx))
      this.state = { ...this.state, payment: relay.tx }
    return null
  }

  /** Another node's block, in its tree: on the attacker's branch (holding the twin) or public. */
  private raceOnBlock(tree: BlockTree, block: Block, t: number): RaceState['outcome'] | null {
    const race = this.state.race
    const holdsPayment = block.transactions.some((tx) => this.isPayment(tx))
    if (race === null) {
      if (!holdsPayment) return null
      // The payment is confirmed before this node mined at all: its branch starts below it.
      const start = createRaceState(block.id - 1, this.attack.confirmations)
      this.state = { ...this.state, privateTip: block.previous_block_hash, race: start }
    } else if (race.outcome === 'gave-up') return race.outcome
    else if (this.onBranchBlock(tree, block)) return (this.state.race as RaceState).outcome
    const before = this.state.race as RaceState
    const after = raceOnPublicBlock(before, block.id, holdsPayment)
    this.state = { ...this.state, race: after }
    if (after.outcome === 'gave-up' && before.outcome === 'racing') {
      this.abandon('gave-up', t)
      this.state = { ...this.state, privateTip: null }
    }
    return after.outcome
  }

  /**
   * A block on its branch (the twin below it, above the fork): the race counts it and the
   * attacker mines on it when it is the branch's highest. False for a block off the branch.
   */
  private onBranchBlock(tree: BlockTree, block: Block): boolean {
    const race = this.state.race as RaceState
    const twin = (this.conflicting as Transaction).id
    let onIt = false
    for (let e = tree.entry(block.hash) ?? null; e && e.height > race.forkHeight; e = e.parent)
      if (e.block.transactions.some((tx) => tx.id === twin)) {
        onIt = true
        break
      }
    if (!onIt) return false
    const higher = block.id > race.privateHeight
    this.state = {
      ...this.state,
      race: raceOnBranchBlock(race, block.id),
      privateTip: higher ? block.hash : this.state.privateTip,
    }
    return true
  }

  /**
   * Blocks it knows already came from `from` (and were dropped unread). For an eclipse attacker,
   * the victim's relay of the network's longer chain ends the eclipse: it usually has that chain
   * already, from its own links to the network.
   */
  onKnownBlocks(tree: BlockTree, blocks: readonly Block[], from: string, t: number): void {
    const { attack } = this
    if (attack.kind !== 'eclipse' || this.state.ended || from !== attack.merchant) return
    if (blocks.some((b) => this.passesBranch(tree, b))) this.endEclipse(t)
  }

  /** The victim has the network's longer chain: the branch is lost, and it stops feeding it. */
  private endEclipse(t: number): void {
    this.abandon('eclipse-over', t)
    this.state = { ...this.state, privateTip: null, ended: true }
  }

  /** Eclipse: whether `block` is off the fed branch and higher than the branch's tip. */
  private passesBranch(tree: BlockTree, block: Block): boolean {
    const tip = this.state.privateTip ? tree.entry(this.state.privateTip) : undefined
    if (!tip || block.id <= tip.height) return false
    let e = tree.entry(block.hash) ?? null
    while (e && e.height > tip.height) e = e.parent
    return e?.block.hash !== tip.block.hash
  }

  /**
   * Where an eclipse's branch starts: below the first block of `tip`'s chain that spends the
   * payer's coins otherwise (the network may have confirmed the conflicting payment before the
   * attackers mined at all; a branch on top of it could never hold the victim's payment).
   */
  private eclipseFork(tip: ChainEntry): ChainEntry {
    const p = this.attack.payment
    let fork = tip
    for (let e: ChainEntry | null = tip; e?.parent; e = e.parent)
      if (e.block.transactions.some((tx) => tx.sender === p?.sender && !this.isPayment(tx)))
        fork = e.parent
    return fork
  }

  private isPayment(tx: Transaction): boolean {
    const p = this.attack.payment as AttackPayment | null
    return (
      p !== null && tx.sender === p.sender && tx.recipient === p.recipient && tx.value === p.value
    )
  }

  private privateTransactions(tip: ChainEntry, pool: TxPool): Transaction[] {
    if (this.attack.kind === 'eclipse') {
      // The victim's chain carries the payment; nothing else, so no transfer of the honest
      // network's (the conflicting one among them) gets in.
      const payment = this.state.payment ?? pool.all().find((tx) => this.isPayment(tx))
      return payment && !onBranch(tip, payment.id) ? [payment] : []
    }
    const twin = this.conflicting as Transaction
    return onBranch(tip, twin.id) ? [] : [twin]
  }

  private withhold(block: Block, t: number): void {
    this.emit({ kind: 'attack.withheld', clock: t, node: this.id, block: blockRef(block) })
  }

  private abandon(rule: string, t: number): void {
    const blocks = this.state.withheld
    if (blocks.length > 0)
      this.emit({ kind: 'attack.abandoned', clock: t, node: this.id, blocks, rule })
    this.state = { ...this.state, withheld: [] }
  }

  /** Publishes the withheld blocks up to height `to` (null: nothing) as one batch. */
  private publish(tree: BlockTree, to: number | null, rule: string, t: number): Work | null {
    if (to === null) return null
    const blocks: Block[] = []
    const kept: string[] = []
    for (const hash of this.state.withheld) {
      const block = tree.entry(hash)?.block
      if (block && block.id <= to) blocks.push(block)
      else if (block) kept.push(hash)
    }
    this.state = { ...this.state, withheld: kept }
    if (blocks.length === 0) return null
    const peer = this.attack.kind === 'eclipse' ? this.attack.merchant : null
    this.emit({
      kind: 'attack.published',
      clock: t,
      node: this.id,
      blocks: blocks.map(blockRef),
      rule,
      to: peer,
    })
    return { kind: 'publish-blocks', blocks, peer }
  }
}

/** Whether the branch ending at `tip` holds the transaction. */
function onBranch(tip: ChainEntry, txId: string): boolean {
  for (let e: ChainEntry | null = tip; e; e = e.parent)
    if (e.block.transactions.some((tx) => tx.id === txId)) return true
  return false
}
