import { createConfig, miningChances, type NetworkConfigInput } from '../config'
import { Network } from '../network/network'
import { doubleSpendSuccess, eclipseSuccess, wilsonInterval } from './attack-theory'
import { runDoubleSpendTrial } from './double-spend-trials'

/** What an eclipse experiment reports (`attack` in its JSON). */
export interface EclipseReport {
  readonly kind: 'eclipse'
  /** q: the attackers' share of the hash power. */
  readonly attackerPower: number
  /** The victim's own share: it mines on the eclipsed branch too. */
  readonly victimPower: number
  /** z: the confirmations the eclipsed merchant waits for. */
  readonly confirmations: number
  readonly trials: number
  readonly successes: number
  readonly successRate: number
  /** 95 % Wilson interval of the success rate. */
  readonly ci95: readonly [number, number]
  readonly rule: string
  /** The exact chance for the rule at r = q + the victim's share (attack-theory.ts). */
  readonly predicted: number
  /**
   * The same attacker (share q, one node) double-spending against the same merchant without the
   * eclipse, over as many trials with the same seeds: what the eclipse adds.
   */
  readonly withoutEclipse: {
    readonly successes: number
    readonly successRate: number
    readonly ci95: readonly [number, number]
    readonly predicted: number
  }
  /** Clocks the eclipse trials ran, in all. */
  readonly clocks: number
}

export const ECLIPSE_RULE =
  'the attackers hold every link of the merchant and feed it their branch, holding the payment, ' +
  'while the network confirms a conflicting one; the eclipse ends (the links heal) as soon as ' +
  'the merchant delivers after z confirmations; success: the conflicting payment ends on every ' +
  'node’s main chain'

/** Whether `id`'s main chain holds a payment from `sender` to `recipient`. */
function paid(network: Network, id: string, sender: string, recipient: string): boolean {
  return network
    .node(id)
    .tree.mainChain()
    .some((b) => b.transactions.some((tx) => tx.sender === sender && tx.recipient === recipient))
}

/**
 * One seeded attempt: the merchant's node (the victim) is eclipsed from the start; it is paid,
 * and an honest node gets the conflicting payment; once both are in their pools the miners start.
 * When the victim's main chain holds the payment with z confirmations, the merchant delivers and
 * the victim's links heal. The trial runs until every node agrees on a tip.
 */
export function runEclipseTrial(
  input: NetworkConfigInput,
  maxClocks = 10_000_000,
): { success: boolean; clocks: number } {
  const config = createConfig(input)
  const { attack, autoMine } = config
  if (!attack || attack.kind !== 'eclipse' || !autoMine || !attack.payment)
    throw new Error('runEclipseTrial needs an eclipse attack and automatic miners')
  const victim = attack.merchant as string
  const network = new Network(config)
  network.start()
  network.setAutoMine(null)
  const { sender, recipient, value, refund } = attack.payment
  const honest = network.nodeIds.find((id) => id !== victim && !attack.attackers.includes(id))
  if (honest === undefined)
    throw new Error('an eclipse trial needs an honest node besides the victim')
  // Long enough for a payment to cross any topology the lab builds at this latency.
  const crossing = 4 * (network.nodeIds.length + 1) * (1 + config.latency + config.latencySpread)
  // The victim's payment first, so the attackers hold it before the network's twin reaches them.
  network.submitTransaction(victim, { sender, recipient, value })
  network.step(crossing)
  network.submitTransaction(honest, { sender, recipient: refund, value })
  network.step(crossing)
  network.setAutoMine(autoMine.interval)
  const delivered = () => {
    const chain = network.node(victim).tree.mainChain()
    const at = chain.findIndex((b) =>
      b.transactions.some((tx) => tx.sender === sender && tx.recipient === recipient),
    )
    return at >= 0 && chain.length - at >= attack.confirmations
  }
  const chunk = 10
  while (network.clock < maxClocks && !delivered()) network.step(chunk)
  // The eclipse ends: the victim's links to the network come up and announce the tips.
  for (const link of network.allLinks())
    if (!link.up && (link.a === victim || link.b === victim)) network.healLink(link.a, link.b)
  const agreed = () => {
    const tip = network.node(victim).tree.tip.block.hash
    return network.nodeIds.every((id) => network.node(id).tree.tip.block.hash === tip)
  }
  do network.step(chunk)
  while (network.clock < maxClocks && !agreed())
  const success = network.nodeIds.every((id) => paid(network, id, sender, refund))
  return { success, clocks: network.clock }
}

/**
 * T eclipse attempts, trial i seeded with seed + i, and as many double spends by the same
 * attacker without the eclipse (one node with the attackers' whole share), against the theory.
 */
export function runEclipseTrials(
  input: NetworkConfigInput,
  trials: number,
  onTrial?: (done: number) => void,
): EclipseReport {
  const config = createConfig(input)
  const attack = config.attack
  if (!attack || attack.kind !== 'eclipse') throw new Error('runEclipseTrials needs an eclipse')
  const victim = attack.merchant as string
  const chances = miningChances(config)
  const total = chances.reduce((a, b) => a + b, 0)
  const victimPower = (chances[config.nodes.indexOf(victim)] ?? 0) / total
  const q = attack.share
  const z = attack.confirmations
  const plain: NetworkConfigInput = {
    ...config,
    attack: {
      kind: 'double-spend',
      attackers: [attack.attackers[0] as string],
      share: q,
      merchant: victim,
      confirmations: z,
      payment: attack.payment,
    },
  }
  let successes = 0
  let without = 0
  let clocks = 0
  for (let i = 0; i < trials; i++) {
    const trial = runEclipseTrial({ ...config, seed: config.seed + i })
    if (trial.success) successes++
    clocks += trial.clocks
    if (runDoubleSpendTrial({ ...plain, seed: config.seed + i }).success) without++
    onTrial?.(i + 1)
  }
  return {
    kind: 'eclipse',
    attackerPower: q,
    victimPower,
    confirmations: z,
    trials,
    successes,
    successRate: trials > 0 ? successes / trials : 0,
    ci95: wilsonInterval(successes, trials),
    rule: ECLIPSE_RULE,
    predicted: eclipseSuccess(q + victimPower, z),
    withoutEclipse: {
      successes: without,
      successRate: trials > 0 ? without / trials : 0,
      ci95: wilsonInterval(without, trials),
      predicted: doubleSpendSuccess(q, z),
    },
    clocks,
  }
}
