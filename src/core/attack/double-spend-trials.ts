import { createConfig, type NetworkConfigInput } from '../config'
import { Network } from '../network/network'
import { doubleSpendSuccess, nakamotoSuccess, wilsonInterval } from './attack-theory'
import { GIVE_UP_BEHIND } from './double-spend-race'

/** What a double-spend experiment reports (`attack` in its JSON). */
export interface DoubleSpendReport {
  readonly kind: 'double-spend'
  /** q: the attacker's share of the hash power. */
  readonly attackerPower: number
  /** z: the confirmations the merchant waits for. */
  readonly confirmations: number
  readonly trials: number
  readonly successes: number
  /**
   * Trials in which the attacker published its branch. Those that did not succeed lost a tie: an
   * honest block of the same height was already on its way when the attacker published, and the
   * honest nodes kept the block they saw first (docs/attacks.md measures how often).
   */
  readonly published: number
  readonly successRate: number
  /** 95 % Wilson interval of the success rate. */
  readonly ci95: readonly [number, number]
  readonly rule: string
  /** The exact probability for the lab's rule (attack-theory.ts). */
  readonly predicted: number
  /** Nakamoto's section 11 value, for comparison. */
  readonly nakamoto: number
  /** Clocks the trials ran, in all. */
  readonly clocks: number
}

export const DOUBLE_SPEND_RULE =
  `the merchant delivers after z confirmations; the attacker publishes once its branch is ` +
  `strictly longer (first-seen ties) and gives up ${GIVE_UP_BEHIND} blocks behind`

/**
 * One seeded attempt: the network starts with its miners stopped, the attacker pays the merchant,
 * and once every node holds the payment the miners start (so the payment is in the first block
 * and the attacker's branch starts from its parent). It runs until the race is decided and the
 * nodes agree on a tip; success when the conflicting payment is on every node's main chain.
 */
export function runDoubleSpendTrial(
  input: NetworkConfigInput,
  maxClocks = 10_000_000,
): { success: boolean; published: boolean; clocks: number } {
  const config = createConfig(input)
  const { attack, autoMine } = config
  if (!attack || attack.kind !== 'double-spend' || !autoMine || !attack.payment)
    throw new Error('runDoubleSpendTrial needs a double-spend attack and automatic miners')
  const network = new Network(config)
  network.start()
  network.setAutoMine(null)
  const attacker = attack.attackers[0] as string
  const { sender, recipient, value, refund } = attack.payment
  network.submitTransaction(attacker, { sender, recipient, value })
  network.step(3 + 2 * config.latency + config.latencySpread)
  network.setAutoMine(autoMine.interval)
  const node = network.node(attacker)
  const decided = () => {
    const race = node.attacker?.exportState().race
    return race !== null && race !== undefined && race.outcome !== 'racing'
  }
  const agreed = () => {
    const tip = node.tree.tip.block.hash
    return network.nodeIds.every((id) => network.node(id).tree.tip.block.hash === tip)
  }
  const chunk = 10
  while (network.clock < maxClocks && !(decided() && agreed())) network.step(chunk)
  const success = network.nodeIds.every((id) =>
    network
      .node(id)
      .tree.mainChain()
      .some((b) => b.transactions.some((tx) => tx.sender === sender && tx.recipient === refund)),
  )
  const published = node.attacker?.exportState().race?.outcome === 'published'
  return { success, published, clocks: network.clock }
}

/** T independent attempts, trial i seeded with seed + i, summarised against the theory. */
export function runDoubleSpendTrials(
  input: NetworkConfigInput,
  trials: number,
  onTrial?: (done: number) => void,
): DoubleSpendReport {
  const config = createConfig(input)
  const attack = config.attack
  if (!attack) throw new Error('runDoubleSpendTrials needs an attack')
  let successes = 0
  let published = 0
  let clocks = 0
  for (let i = 0; i < trials; i++) {
    const trial = runDoubleSpendTrial({ ...config, seed: config.seed + i })
    if (trial.success) successes++
    if (trial.published) published++
    clocks += trial.clocks
    onTrial?.(i + 1)
  }
  const q = attack.share
  const z = attack.confirmations
  return {
    kind: 'double-spend',
    attackerPower: q,
    confirmations: z,
    trials,
    successes,
    published,
    successRate: trials > 0 ? successes / trials : 0,
    ci95: wilsonInterval(successes, trials),
    rule: DOUBLE_SPEND_RULE,
    predicted: doubleSpendSuccess(q, z),
    nakamoto: nakamotoSuccess(q, z),
    clocks,
  }
}
