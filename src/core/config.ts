import {
  attackHashPower,
  createAttack,
  type Attack,
  type AttackInput,
} from './attack/attack-config'
import { EngineError } from './errors'
import { DEFAULT_EPOCH, parseTimestamp } from './sim-time'

export type TopologyKind = 'mesh' | 'line' | 'ring' | 'star' | 'random' | 'scale-free'

/**
 * How the nodes are linked. `random` is a random k-regular graph and `scale-free` a
 * Barabási–Albert graph (each new node links to `degree` nodes, preferring well-linked ones),
 * both drawn from the run's seed.
 */
export type Topology =
  | { readonly kind: 'mesh' | 'line' | 'ring' | 'star' }
  | { readonly kind: 'random' | 'scale-free'; readonly degree: number }

/**
 * Automatic mining: each clock an idle node starts mining with a chance set by its share of the
 * hash power, so that the network as a whole finds a block every `interval` clocks on average.
 */
export interface AutoMine {
  readonly interval: number
  /** Relative hash power per node, in node order; null: all equal. */
  readonly hashPower: readonly number[] | null
}

/** A seeded transaction workload: transfers between random accounts at `rate` per clock. */
export interface Workload {
  /** Transfers per clock, across the network. */
  readonly rate: number
  readonly minValue: number
  readonly maxValue: number
}

export interface GenesisAllocation {
  readonly recipient: string
  readonly value: number
}

/** Everything that defines a network; with the same config and commands a run replays exactly. */
export interface NetworkConfig {
  readonly nodes: readonly string[]
  readonly topology: Topology
  readonly seed: number
  /** Proof-of-work difficulty in leading zero bits of the block hash. */
  readonly difficulty: number
  readonly genesis: readonly GenesisAllocation[]
  /** Extra clocks a message spends on a link (0: received in the clock it is broadcast). */
  readonly latency: number
  /** Each link's latency is drawn uniformly from latency..latency+latencySpread (0: fixed). */
  readonly latencySpread: number
  readonly autoMine: AutoMine | null
  readonly workload: Workload | null
  /** Simulated wall time of clock 0, `%Y/%m/%d %H:%M:%S` UTC. */
  readonly epoch: string
  /** An attack some nodes carry out (docs/attacks.md); absent: every node is honest. */
  readonly attack?: Attack
}

export type NetworkConfigInput = Partial<Omit<NetworkConfig, 'nodes' | 'attack'>> & {
  readonly nodes?: number | readonly string[]
  readonly attack?: AttackInput | null
}

/**
 * aki 10, so 7, satoshi 5: the seed's own "akiに10コイン" (its list says 2, but its example and
 * the earlier server's test scripts send aki → so 3, which only 10 affords).
 */
export const DEFAULT_GENESIS: readonly GenesisAllocation[] = [
  { recipient: 'aki', value: 10 },
  { recipient: 'so', value: 7 },
  { recipient: 'satoshi', value: 5 },
]

export const DEFAULT_CONFIG: NetworkConfig = {
  nodes: ['node1', 'node2', 'node3'],
  topology: { kind: 'mesh' },
  seed: 1,
  difficulty: 8,
  genesis: DEFAULT_GENESIS,
  latency: 0,
  latencySpread: 0,
  autoMine: null,
  workload: null,
  epoch: DEFAULT_EPOCH,
}

export const LIMITS = { maxNodes: 100_000, maxDifficulty: 32, maxLatency: 1_000 } as const

const NODE_NAME = /^[A-Za-z0-9_-]{1,32}$/

function invalid(message: string): never {
  throw new EngineError('invalid-config', message)
}

/** Names nodes `node1..nodeN` when given a count. */
export function nodeNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `node${i + 1}`)
}

/** Fills defaults and checks every field; throws `invalid-config` naming the field. */
export function createConfig(input: NetworkConfigInput = {}): NetworkConfig {
  const nodes =
    typeof input.nodes === 'number'
      ? nodeNames(input.nodes)
      : input.nodes
        ? [...input.nodes]
        : [...DEFAULT_CONFIG.nodes]
  if (nodes.length < 1 || nodes.length > LIMITS.maxNodes)
    invalid(`nodes: between 1 and ${LIMITS.maxNodes} nodes`)
  if (new Set(nodes).size !== nodes.length) invalid('nodes: names must be unique')
  for (const name of nodes) if (!NODE_NAME.test(name)) invalid(`nodes: bad node name "${name}"`)

  const { attack: attackInput, ...rest } = input
  // An honest network's config has no attack key at all: its recordings stay byte for byte.
  const config: NetworkConfig = { ...DEFAULT_CONFIG, ...rest, nodes }
  const { difficulty, latency, seed, topology, genesis, epoch } = config
  if (!Number.isInteger(difficulty) || difficulty < 0 || difficulty > LIMITS.maxDifficulty)
    invalid(`difficulty: an integer from 0 to ${LIMITS.maxDifficulty} (leading zero bits)`)
  if (!Number.isInteger(latency) || latency < 0 || latency > LIMITS.maxLatency)
    invalid(`latency: an integer from 0 to ${LIMITS.maxLatency} clocks`)
  if (!Number.isSafeInteger(seed)) invalid('seed: an integer')
  if (parseTimestamp(epoch) === null) invalid('epoch: %Y/%m/%d %H:%M:%S')
  if (topology.kind === 'random' || topology.kind === 'scale-free') {
    const { degree } = topology
    if (!Number.isInteger(degree) || degree < 1 || degree >= nodes.length)
      invalid(`topology: ${topology.kind} degree must be an integer from 1 to nodes - 1`)
    if (topology.kind === 'random' && (degree * nodes.length) % 2 !== 0)
      invalid('topology: random k-regular needs nodes × degree to be even')
  }
  const { latencySpread, autoMine, workload } = config
  if (!Number.isInteger(latencySpread) || latencySpread < 0 || latencySpread > LIMITS.maxLatency)
    invalid(`latencySpread: an integer from 0 to ${LIMITS.maxLatency} clocks`)
  if (autoMine) {
    if (!(autoMine.interval >= 1) || !Number.isFinite(autoMine.interval))
      invalid('autoMine: interval is a number of clocks ≥ 1')
    const power = autoMine.hashPower
    if (
      power &&
      (power.length !== nodes.length || power.some((p) => !(p >= 0)) || !power.some((p) => p > 0))
    )
      invalid('autoMine: hashPower needs one non-negative number per node, not all zero')
  }
  if (workload) {
    if (!(workload.rate >= 0) || !Number.isFinite(workload.rate)) invalid('workload: rate ≥ 0')
    if (
      !Number.isSafeInteger(workload.minValue) ||
      workload.minValue < 1 ||
      workload.maxValue < workload.minValue
    )
      invalid('workload: values are integers with 1 ≤ minValue ≤ maxValue')
    if (genesis.length < 2) invalid('workload: needs at least two accounts')
  }
  if (genesis.length === 0) invalid('genesis: at least one allocation')
  const recipients = new Set<string>()
  for (const { recipient, value } of genesis) {
    if (!NODE_NAME.test(recipient)) invalid(`genesis: bad account name "${recipient}"`)
    if (recipients.has(recipient)) invalid(`genesis: account "${recipient}" allocated twice`)
    if (!Number.isSafeInteger(value) || value < 0) invalid('genesis: values are integers ≥ 0')
    recipients.add(recipient)
  }
  return attackInput ? { ...config, attack: createAttack(attackInput, nodes, genesis) } : config
}

/** Parses the CLI/API spelling of a topology: mesh, line, ring, star, random:K. */
export function parseTopology(text: string): Topology {
  const [kind, degree] = text.split(':')
  if (kind === 'mesh' || kind === 'line' || kind === 'ring' || kind === 'star') {
    if (degree !== undefined) invalid(`topology: ${kind} takes no degree`)
    return { kind }
  }
  if (kind === 'random' || kind === 'scale-free') {
    const k = Number(degree)
    if (!Number.isInteger(k)) invalid(`topology: ${kind} needs a degree, as in ${kind}:8`)
    return { kind, degree: k }
  }
  return invalid(`topology: unknown "${text}" (mesh, line, ring, star, random:K, scale-free:M)`)
}

/** Parses the CLI spelling of a genesis allocation: `aki=2,so=7,satoshi=5`. */
export function parseGenesis(text: string): GenesisAllocation[] {
  return text.split(',').map((part) => {
    const match = /^([^=]+)=(\d+)$/.exec(part.trim())
    if (!match) invalid(`genesis: "${part}" is not account=coins, as in aki=10,so=7,satoshi=5`)
    return { recipient: match[1] as string, value: Number(match[2]) }
  })
}

export function formatGenesis(genesis: readonly GenesisAllocation[]): string {
  return genesis.map((g) => `${g.recipient}=${g.value}`).join(',')
}

export function formatTopology(topology: Topology): string {
  return 'degree' in topology ? `${topology.kind}:${topology.degree}` : topology.kind
}

/** Each node's chance per clock of starting to mine when idle. */
export function miningChances(config: NetworkConfig): number[] {
  const { autoMine, nodes } = config
  if (!autoMine) return nodes.map(() => 0)
  const power = config.attack
    ? attackHashPower(config.attack, nodes, autoMine.hashPower)
    : (autoMine.hashPower ?? nodes.map(() => 1))
  const total = power.reduce((a, b) => a + b, 0)
  return power.map((p) => Math.min(1, p / total / autoMine.interval))
}

/** Genesis allocations for `count` accounts (acc1..accN), each with `balance` coins. */
export function generatedAccounts(count: number, balance: number): GenesisAllocation[] {
  return Array.from({ length: count }, (_, i) => ({ recipient: `acc${i + 1}`, value: balance }))
}
