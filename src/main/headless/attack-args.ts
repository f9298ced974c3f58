import type { AttackSettings } from '../../shared/schemas'
import { LabError } from '../../shared/errors'

/** The attack flags the lab and experiment CLIs share (docs/attacks.md). */
export const ATTACK_FLAGS = [
  'attack',
  'attacker',
  'attacker-power',
  'merchant',
  'confirmations',
] as const

/** The same flags as options of the CLIs' flag reader: each a string. */
export const ATTACK_FLAG_OPTIONS = {
  attack: { type: 'string' },
  attacker: { type: 'string' },
  'attacker-power': { type: 'string' },
  merchant: { type: 'string' },
  confirmations: { type: 'string' },
} as const satisfies Record<(typeof ATTACK_FLAGS)[number], { type: 'string' }>

export const ATTACK_USAGE = `  --attack KIND        selfish | double-spend | eclipse (default: every node honest)
  --attacker NODES     the attacking node(s), comma-separated (default node1)
  --attacker-power A   the attackers' share of the hash power, in (0, 1) (default 1/3)
  --merchant NODE      double-spend: the merchant's node; eclipse: the victim's
                       (default: the first honest node)
  --confirmations Z    blocks the merchant waits for, its payment's included (default 2)`

/** The attack the flags ask for (null: none); createConfig checks it against the network. */
export function parseAttackArgs(
  value: (flag: (typeof ATTACK_FLAGS)[number]) => string | undefined,
): AttackSettings | null {
  const kind = value('attack')
  if (kind === undefined) {
    for (const flag of ATTACK_FLAGS)
      if (value(flag) !== undefined)
        throw new LabError('invalid-argument', `--${flag} goes with --attack`)
    return null
  }
  const power = value('attacker-power')
  const share = power === undefined ? undefined : Number(power)
  if (share !== undefined && !Number.isFinite(share))
    throw new LabError(
      'invalid-argument',
      `--attacker-power must be a number in (0, 1), not "${power}"`,
    )
  const z = value('confirmations')
  const confirmations = z === undefined ? undefined : Number(z)
  if (confirmations !== undefined && !Number.isInteger(confirmations))
    throw new LabError('invalid-argument', `--confirmations must be an integer, not "${z}"`)
  const attackers = value('attacker')?.split(',')
  const merchant = value('merchant')
  return {
    kind,
    ...(attackers ? { attackers } : {}),
    ...(share !== undefined ? { share } : {}),
    ...(merchant !== undefined ? { merchant } : {}),
    ...(confirmations !== undefined ? { confirmations } : {}),
  }
}
