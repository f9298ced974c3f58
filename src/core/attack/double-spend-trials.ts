import { createConfig, type NetworkConfigInput } from '../config'
import { Network } from '../network/network'
import { doubleSpendSuccess, nakamotoSuccess, wilsonInterval } from './attack-theory'
import { DOUBLE_SPEND_RULE, type DoubleSpendReport } from './double-spend-report'

export { DOUBLE_SPEND_RULE, type DoubleSpendReport }

const DEFAULT_MAX_CLOCKS = 10_000_000

/**
 * One seeded attempt: the network starts with its miners stopped, the attacker pays the merchant,
 * and once every node holds the payment the miners start (so the payment is in the first block
 * and the attacker's branch starts from its parent). It runs until the race is decided and the
 * nodes agree on a tip; success when the conflicting payment is on every node's main chain.
 * `decided` is false when the clock cap came first: the race was still on (the default cap is
 * 100,000 blocks at the lab's usual intervals, and a race gives up 20 behind long before).
 */
export function runDoubleSpendTrial(
  input: NetworkConfigInput,
  maxClocks = DEFAULT_MAX_CLOCKS,
): { success: boolean; published: boolean; decided: boolean; clocks: number } {
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
  return { success, published, decided: decided() && agreed(), clocks: network.clock }
}

/**
 * T independent attempts, trial i seeded with seed + i, summarised against the theory; a trial
 * still racing at `maxClocks` is counted as undecided, apart from the successes and failures.
 */
export function runDoubleSpendTrials(
  input: NetworkConfigInput,
  trials: number,
  onTrial?: (done: number) => void,
  maxClocks = DEFAULT_MAX_CLOCKS,
): DoubleSpendReport {
  const config = createConfig(input)
  const attack = config.attack
  if (!attack) throw new Error('runDoubleSpendTrials needs an attack')
  let successes = 0
  let published = 0
  let undecided = 0
  let clocks = 0
  for (let i = 0; i < trials; i++) {
    const trial = runDoubleSpendTrial({ ...config, seed: config.seed + i }, maxClocks)
    if (!trial.decided) undecided++
    else if (trial.success) successes++
    if (trial.decided && trial.published) published++
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
    undecided,
    successRate: trials > undecided ? successes / (trials - undecided) : 0,
    ci95: wilsonInterval(successes, trials - undecided),
    rule: DOUBLE_SPEND_RULE,
    predicted: doubleSpendSuccess(q, z),
    nakamoto: nakamotoSuccess(q, z),
    clocks,
  }
}
