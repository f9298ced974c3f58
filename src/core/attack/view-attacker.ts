import type { BlockTree, ChainEntry } from '../chain/block-tree'
import type { Attack } from './attack-config'
import type { AttackerState } from './attacker'
import type { AttackerView } from './attacker-view'

/** The view of an attacker's state, read against its node's tree. */
export function viewAttacker(attack: Attack, state: AttackerState, tree: BlockTree): AttackerView {
  const base = { strategy: attack.kind, withheld: state.withheld }
  if (state.selfish) {
    const s = state.selfish
    const lead = s.privateHeight - s.publicHeight
    const phase = lead > 0 ? 'ahead' : s.branchLength > 0 ? 'tie' : 'public'
    const privateHeight = phase === 'public' ? null : s.privateHeight
    return { ...base, phase, privateHeight, publicHeight: s.publicHeight, lead }
  }
  if (attack.kind === 'double-spend') {
    const race = state.race
    if (!race)
      return { ...base, phase: 'waiting', privateHeight: null, publicHeight: tree.height, lead: 0 }
    const phase =
      race.outcome === 'published'
        ? 'won'
        : race.outcome === 'gave-up'
          ? 'gave-up'
          : race.delivered
            ? 'delivered'
            : 'racing'
    const racing = race.outcome === 'racing'
    return {
      ...base,
      phase,
      privateHeight: racing ? race.privateHeight : null,
      publicHeight: race.publicHeight,
      lead: racing ? race.privateHeight - race.publicHeight : 0,
    }
  }
  if (state.ended)
    return { ...base, phase: 'ended', privateHeight: null, publicHeight: tree.height, lead: 0 }
  const tip = state.privateTip ? tree.entry(state.privateTip) : undefined
  if (!tip)
    return { ...base, phase: 'waiting', privateHeight: null, publicHeight: tree.height, lead: 0 }
  const publicHeight = networkHeight(tree, tip, attack.attackers)
  return {
    ...base,
    phase: 'feeding',
    privateHeight: tip.height,
    publicHeight,
    lead: tip.height - publicHeight,
  }
}

/**
 * An eclipse's public chain: the highest block the attacker knows off its own branch, or the
 * branch's fork point when the network has mined nothing since (the attackers' blocks go to the
 * victim alone, so the network's chain ends where the attackers' own blocks begin).
 */
function networkHeight(tree: BlockTree, tip: ChainEntry, attackers: readonly string[]): number {
  const branch = new Set<string>()
  let fork: ChainEntry | null = tip
  for (let e: ChainEntry | null = tip; e; e = e.parent) branch.add(e.block.hash)
  while (fork && fork.parent && attackers.includes(fork.block.miner ?? '')) fork = fork.parent
  let height = fork?.height ?? 0
  for (const e of tree.allEntries())
    if (!branch.has(e.block.hash) && e.height > height) height = e.height
  return height
}
