import * as z from 'zod'
import { LIMITS as ENGINE_LIMITS, type NetworkConfig } from '../core/config'

/**
 * What one request to the lab may ask, in one place: every route, a sweep's settings and a run
 * file's header and commands are held to these before any work starts, and /openapi.json
 * publishes them as `x-limits`. A value over one is refused with 400 naming the limit.
 *
 * The engine's own ceilings (core/config.ts LIMITS) are wider: its bench builds 100,000 nodes in
 * memory, which the lab API could not carry (a 2,000-node run's state is 7 MB of JSON already).
 */
export const LAB_LIMITS = {
  /** Runs per sweep: every combination of the varied values, times the seeds. */
  runsPerSweep: 1_000,
  /** Clocks per experiment run of a sweep. */
  clocksPerRun: 10_000_000,
  /**
   * Double-spend attempts per run of a sweep: at q = 0.4 and z = 6 an attempt takes about 3,000
   * clocks, so 10,000 of them are about one clocksPerRun's worth of work.
   */
  trialsPerRun: 10_000,
  /** Blocks a double spend's merchant may wait for (the engine's own ceiling). */
  confirmations: 100,
  /** Clocks one step (or one node's `clock/N`) may move, so a typo cannot hang the lab. */
  clocksPerStep: 100_000,
  /**
   * Nodes of one network: what a state or series answer and the UI's graph still carry (about
   * 35 MB of state JSON at 10,000 nodes), and the most a sweep ever allowed.
   */
  nodes: 10_000,
  /**
   * Leading zero bits of proof of work: a block is 2^N double SHA-256 hashes on one core. At 18,
   * 1.9 s on average and 4.4 s at most of 12 blocks on a loaded 2-core machine (load 9); at 20,
   * 6.7 s on average and 25 s for one block of 4; 26 once took 35 s (issue 14).
   */
  difficulty: 18,
  /** Clocks a message spends on a link, and their spread. */
  latency: ENGINE_LIMITS.maxLatency,
  /** Transactions per clock, network-wide, of the workload (at network creation or later). */
  txRate: 1_000,
} as const

export type LimitName = keyof typeof LAB_LIMITS

/** The refusal's wording: the value allowed and the limit's name, as /openapi.json lists it. */
export function overLimit(name: LimitName): string {
  return `over the limit of ${LAB_LIMITS[name]} (x-limits.${name} in /openapi.json)`
}

/** A number held to at most the named limit, its refusal naming it. */
export function atMost(name: LimitName, schema: z.ZodNumber = z.number()): z.ZodNumber {
  return schema.max(LAB_LIMITS[name], overLimit(name))
}

/**
 * The first limit a whole network config is over, as `field: reason`; null when it is within
 * all of them. For configs that arrive whole rather than field by field (a run file's header).
 */
export function configOverLimit(config: NetworkConfig): string | null {
  const checks: [string, number, LimitName][] = [
    ['nodes', config.nodes.length, 'nodes'],
    ['difficulty', config.difficulty, 'difficulty'],
    ['latency', config.latency, 'latency'],
    ['latencySpread', config.latencySpread, 'latency'],
    ['workload.rate', config.workload?.rate ?? 0, 'txRate'],
  ]
  for (const [field, value, name] of checks)
    if (value > LAB_LIMITS[name]) return `${field}: ${value} is ${overLimit(name)}`
  return null
}
