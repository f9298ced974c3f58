import { EngineError } from '../errors'

/** A genesis allocation (config.ts's, named here so the two modules need not import each other). */
interface Allocation {
  readonly recipient: string
  readonly value: number
}

/** What a node does with the blocks it mines and hears of. */
export type StrategyKind = 'honest' | 'selfish' | 'double-spend' | 'eclipse'

export const STRATEGY_KINDS: readonly StrategyKind[] = [
  'honest',
  'selfish',
  'double-spend',
  'eclipse',
]

/** The payment a double spend reverses, and where its conflicting twin sends the same coins. */
export interface AttackPayment {
  readonly sender: string
  /** The merchant's account. */
  readonly recipient: string
  readonly value: number
  /** The attacker's other account: the conflicting payment goes here. */
  readonly refund: string
}

/**
 * An attack on a network: which nodes follow `kind` (the others stay honest) and their combined
 * share of the automatic miners' hash power.
 */
export interface Attack {
  readonly kind: Exclude<StrategyKind, 'honest'>
  readonly attackers: readonly string[]
  /** The attackers' share of the hash power, in (0, 1); each gets an equal part of it. */
  readonly share: number
  /** double-spend: the merchant's node; eclipse: the victim's (also the merchant). */
  readonly merchant: string | null
  /** Blocks the merchant waits for, the payment's own counting as the first. */
  readonly confirmations: number
  readonly payment: AttackPayment | null
}

export type AttackInput = Partial<Omit<Attack, 'kind' | 'payment'>> & {
  readonly kind: string
  readonly payment?: Partial<AttackPayment> | null
}

function invalid(message: string): never {
  throw new EngineError('invalid-config', `attack: ${message}`)
}

/**
 * Fills an attack's defaults and checks it against the network: a known strategy, attackers that
 * are nodes, a share in (0, 1), and for a double spend a merchant that is an honest node and a
 * payment the sender's genesis coins cover. Throws `invalid-config` with the reason.
 */
export function createAttack(
  input: AttackInput,
  nodes: readonly string[],
  genesis: readonly Allocation[],
): Attack {
  const kind = input.kind
  if (kind === 'honest' || !STRATEGY_KINDS.includes(kind as StrategyKind))
    invalid(`unknown strategy "${kind}" (selfish, double-spend, eclipse)`)
  const attackers = input.attackers ?? [nodes[0] as string]
  if (attackers.length === 0) invalid('name at least one attacker node')
  for (const a of attackers) if (!nodes.includes(a)) invalid(`attacker "${a}" is not a node`)
  if (new Set(attackers).size !== attackers.length) invalid('attackers must be distinct')
  // A selfish pool or a double spender is one miner; only an eclipse surrounds its victim with several.
  if (kind !== 'eclipse' && attackers.length !== 1) invalid(`${kind} takes one attacker node`)
  if (attackers.length === nodes.length) invalid('at least one node must stay honest')
  const share = input.share ?? 1 / 3
  if (!(share > 0 && share < 1)) invalid(`share ${share} is outside (0, 1)`)
  const base = { kind: kind as Attack['kind'], attackers: [...attackers], share }
  if (kind === 'selfish') return { ...base, merchant: null, confirmations: 0, payment: null }
  const merchant = input.merchant ?? nodes.find((n) => !attackers.includes(n)) ?? null
  if (merchant === null || !nodes.includes(merchant))
    invalid(`merchant "${merchant}" is not a node`)
  if (attackers.includes(merchant)) invalid('the merchant must be an honest node')
  const confirmations = input.confirmations ?? 2
  if (!Number.isInteger(confirmations) || confirmations < 1 || confirmations > 100)
    invalid('confirmations: an integer from 1 to 100')
  return { ...base, merchant, confirmations, payment: createPayment(input.payment, genesis) }
}

/** By default the first account pays all its coins to the second and, in secret, to the third. */
function createPayment(
  input: Partial<AttackPayment> | null | undefined,
  genesis: readonly Allocation[],
): AttackPayment {
  const accounts = genesis.map((g) => g.recipient)
  const sender = input?.sender ?? accounts[0]
  const recipient = input?.recipient ?? accounts.find((a) => a !== sender)
  const refund = input?.refund ?? accounts.find((a) => a !== sender && a !== recipient)
  if (sender === undefined || recipient === undefined || refund === undefined)
    invalid('a double spend needs three accounts (payer, merchant, refund)')
  for (const account of [sender, recipient, refund])
    if (!accounts.includes(account)) invalid(`payment: "${account}" is not an account`)
  if (new Set([sender, recipient, refund]).size !== 3)
    invalid('payment: payer, merchant and refund must be three accounts')
  const balance = genesis.find((g) => g.recipient === sender)?.value ?? 0
  const value = input?.value ?? balance
  if (!Number.isSafeInteger(value) || value < 1 || value > balance)
    invalid(`payment: value is an integer from 1 to the payer's ${balance} coins`)
  return { sender, recipient, value, refund }
}

/** What node `id` follows under `attack`. */
export function strategyOf(attack: Attack | null | undefined, id: string): StrategyKind {
  return attack && attack.attackers.includes(id) ? attack.kind : 'honest'
}

/**
 * The relative hash power per node under an attack: the attackers hold `share` of the total,
 * split equally, and the honest nodes the rest in proportion to their own powers.
 */
export function attackHashPower(
  attack: Attack,
  nodes: readonly string[],
  power: readonly number[] | null,
): number[] {
  const own = power ?? nodes.map(() => 1)
  const honestTotal = nodes.reduce(
    (sum, n, i) => (attack.attackers.includes(n) ? sum : sum + (own[i] ?? 0)),
    0,
  )
  return nodes.map((n, i) =>
    attack.attackers.includes(n)
      ? attack.share / attack.attackers.length
      : honestTotal > 0
        ? ((1 - attack.share) * (own[i] ?? 0)) / honestTotal
        : 0,
  )
}
