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

/**
 * The version of the attackers' behaviour, recorded in every attack's config (`engine`) so that a
 * run's verify can tell a changed attacker from a broken recording. Raise it whenever an attacker
 * acts differently on the same input:
 * - 3 (session 6): a double spender races on after losing a tie it published into; an eclipse
 *   attacker stops feeding once its victim has the network's longer chain.
 * - Runs recorded before version 3 carry no `engine` key: version 1 (the first attackers) and 2
 *   (the eclipse attacker's fixes of session 5) were not recorded.
 */
export const ATTACK_ENGINE_VERSION = 3

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
  /**
   * The attackers' behaviour version the network was made with (ATTACK_ENGINE_VERSION, unless a
   * recorded config names an older one).
   */
  readonly engine: number
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
  const engine = input.engine ?? ATTACK_ENGINE_VERSION
  if (!Number.isInteger(engine) || engine < 1 || engine > ATTACK_ENGINE_VERSION)
    invalid(`engine: an integer from 1 to ${ATTACK_ENGINE_VERSION}`)
  const base = { kind: kind as Attack['kind'], attackers: [...attackers], share }
  if (kind === 'selfish')
    return { ...base, merchant: null, confirmations: 0, payment: null, engine }
  const merchant = input.merchant ?? nodes.find((n) => !attackers.includes(n)) ?? null
  if (merchant === null || !nodes.includes(merchant))
    invalid(`merchant "${merchant}" is not a node`)
  if (attackers.includes(merchant)) invalid('the merchant must be an honest node')
  const confirmations = input.confirmations ?? 2
  if (!Number.isInteger(confirmations) || confirmations < 1 || confirmations > 100)
    invalid('confirmations: an integer from 1 to 100')
  const payment = createPayment(input.payment, genesis)
  return { ...base, merchant, confirmations, payment, engine }
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

/**
 * When a stored run's attackers are older than today's: the version its config records (null:
 * recorded before versions were, so older than 3) and today's. Null for an honest run or a
 * current one. Reads the stored config as it is, before any defaults are filled in.
 */
export function olderAttackEngine(
  stored: unknown,
): { readonly recorded: number | null; readonly current: number } | null {
  const attack = (stored as { attack?: { engine?: unknown } | null } | null)?.attack
  if (!attack) return null
  const recorded = typeof attack.engine === 'number' ? attack.engine : null
  if (recorded !== null && recorded >= ATTACK_ENGINE_VERSION) return null
  return { recorded, current: ATTACK_ENGINE_VERSION }
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
