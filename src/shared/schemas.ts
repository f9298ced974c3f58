import * as z from 'zod'
import { LAB_LIMITS, atMost } from './limits'
import { DROP_REASONS } from './engine-terms'

/** Validation schemas shared by every transport; the OpenAPI document is generated from them. */

export const nodeName = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a node name such as node1')

/** A transfer. Unknown extra fields are ignored, as the earlier server's clients may send some. */
export const transferSchema = z.object({
  sender: z.string().min(1).max(64),
  recipient: z.string().min(1).max(64),
  value: z.number(),
})

export const sendTransactionSchema = transferSchema.extend({ node: nodeName }).strict()

export const nodeSchema = z.object({ node: nodeName }).strict()

export const linkSchema = z.object({ a: nodeName, b: nodeName }).strict()

/** The largest number of clocks one call may step, so a typo cannot hang the lab. */
export const MAX_STEP = LAB_LIMITS.clocksPerStep

export const stepSchema = z
  .object({ clocks: atMost('clocksPerStep', z.number().int().min(1)) })
  .strict()

/**
 * A whole number as a URL carries it: plain decimal digits, or a JSON integer in a body. `0x10`,
 * `1e3`, ` 7` and an empty value are refused rather than read as numbers (`Number('')` is 0).
 */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  return z.union([z.number(), z.string()]).transform((value, ctx) => {
    const n = typeof value === 'number' ? value : /^\d{1,16}$/.test(value) ? Number(value) : NaN
    if (!Number.isSafeInteger(n)) {
      ctx.addIssue({
        code: 'custom',
        message: `a plain decimal integer, not ${JSON.stringify(value)}`,
      })
      return z.NEVER
    }
    if (n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `an integer from ${min} to ${max}, not ${n}` })
      return z.NEVER
    }
    return n
  })
}

/** A query's `from` and `to`, when both are given, in order. */
function inOrder(query: { from?: number | undefined; to?: number | undefined }): boolean {
  return query.from === undefined || query.to === undefined || query.from <= query.to
}
const FROM_AFTER_TO = { message: 'from must not be after to', path: ['from'] }

export const dialectSchema = z.enum(['readme', 'legacy'])

export const topologySchema = z
  .string()
  .regex(/^(mesh|line|ring|star|random:\d+)$/, 'mesh, line, ring, star or random:K')

/**
 * An attack some nodes carry out (docs/attacks.md). The strategy's name is checked by the engine,
 * so an unknown one is refused with the list of known ones; `honest` (or null) means none.
 */
export const attackSchema = z
  .object({
    kind: z.string().max(32),
    /** The attacking nodes (default node1). */
    attackers: z.array(nodeName).min(1).max(LAB_LIMITS.nodes).optional(),
    /** The attackers' share of the hash power, in (0, 1) (default 1/3). */
    share: z.number().optional(),
    /** double-spend: the merchant's node; eclipse: the victim's (default: first honest node). */
    merchant: nodeName.optional(),
    /** Blocks the merchant waits for, its payment's included (default 2). */
    confirmations: z.number().int().optional(),
  })
  .strict()

export const createNetworkSchema = z
  .object({
    nodes: atMost('nodes', z.number().int().min(1)).optional(),
    topology: topologySchema.or(z.string().regex(/^scale-free:\d+$/)).optional(),
    seed: z.number().int().optional(),
    difficulty: atMost('difficulty', z.number().int().min(0)).optional(),
    latency: atMost('latency', z.number().int().min(0)).optional(),
    latencySpread: atMost('latency', z.number().int().min(0)).optional(),
    /** Automatic mining: a block every `interval` clocks, network-wide; null: off. */
    interval: z.number().min(1).nullable().optional(),
    hashPower: z.array(z.number().min(0)).optional(),
    /** The transaction workload: transfers per clock, network-wide; 0 or null: off. */
    txRate: atMost('txRate', z.number().min(0)).nullable().optional(),
    dialect: dialectSchema.optional(),
    genesis: z
      .array(z.object({ recipient: nodeName, value: z.number().int().min(0) }).strict())
      .min(1)
      .optional(),
    /** Which nodes attack and how; null or kind "honest": every node honest. */
    attack: attackSchema.nullable().optional(),
  })
  .strict()

export type AttackSettings = z.infer<typeof attackSchema>

export const emptySchema = z.object({}).strict()

export type CreateNetworkInput = z.infer<typeof createNetworkSchema>
export type SendTransactionInput = z.infer<typeof sendTransactionSchema>

const runId = wholeNumber(1)

export const runSchema = z.object({ id: runId }).strict()

export const updateRunSchema = z
  .object({
    id: runId,
    name: z.string().min(1).max(200).optional(),
    notes: z.string().max(20_000).optional(),
  })
  .strict()

/** One drop reason, as a regular expression's alternatives. */
const ANY_DROP_REASON = DROP_REASONS.join('|')

export const runEventsSchema = z
  .object({
    id: runId,
    from: wholeNumber(0).optional(),
    to: wholeNumber(0).optional(),
    node: nodeName.optional(),
    kind: z
      .string()
      .regex(
        /^[a-z]+\.[a-z-]+(,[a-z]+\.[a-z-]+)*$/,
        'an event kind such as block.mined, or several separated by commas',
      )
      .optional(),
    /**
     * Only the message.dropped events of these reasons, comma-separated (other kinds as `kind`
     * says): the event log asks for every reason but `known`, the drops that end a gossip.
     */
    dropped: z
      .string()
      .regex(
        new RegExp(`^(${ANY_DROP_REASON})(,(${ANY_DROP_REASON}))*$`),
        `drop reasons (${DROP_REASONS.join(', ')}), separated by commas`,
      )
      .optional(),
    limit: wholeNumber(1, 10_000).default(500),
    cursor: wholeNumber(0).optional(),
  })
  .strict()
  .refine(inOrder, FROM_AFTER_TO)

/** The most buckets one series answer holds: more than any chart is wide in pixels. */
export const MAX_SERIES_BUCKETS = 2_000

/**
 * Up to this many nodes a series answers every node's row in each bucket; beyond, the network's
 * summary and one node's (the status timeline too summarises beyond a few dozen nodes).
 */
export const SERIES_NODES_UP_TO = 24

export const runSeriesSchema = z
  .object({
    id: runId,
    from: wholeNumber(0).optional(),
    to: wholeNumber(0).optional(),
    buckets: wholeNumber(1, MAX_SERIES_BUCKETS).default(600),
    /** Whose main chain the balances follow; the run's first node when absent. */
    node: nodeName.optional(),
    /** `summary`: the network's summary and `node` alone, even for a run of few nodes. */
    detail: z.enum(['summary']).optional(),
  })
  .strict()
  .refine(inOrder, FROM_AFTER_TO)

export const runClockSchema = z.object({ id: runId, clock: wholeNumber(0) }).strict()

/**
 * A run's state at a clock. `chainsOf`: only that node's chain and tree are included (the
 * others' are empty), a far lighter answer for a big network whose view shows one node's chain.
 * `scrub`: a name the caller picks for one scrubbing person; a later request of the same scrub
 * stops this one's rebuild (it answers 409 `cancelled`), since only the latest clock matters.
 * `links`: the `links` of a state the caller holds; while the clock's links are the same, the
 * nodes come without their peers (`samePeers`: each node's are as in the state held).
 */
export const runStateSchema = z
  .object({
    id: runId,
    clock: wholeNumber(0),
    chainsOf: nodeName.optional(),
    scrub: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a scrub name of letters, digits, _ and -')
      .optional(),
    links: z
      .string()
      .regex(/^[0-9a-f]{40}$/, "a state's links: 40 hex digits")
      .optional(),
  })
  .strict()

export const blockSchema = z
  .object({
    node: nodeName,
    hash: z.string().regex(/^[0-9a-f]{64}$/, 'a block hash: 64 hex digits'),
  })
  .strict()

export const autoMineSchema = z.object({ interval: z.number().min(1).nullable() }).strict()

export const workloadSchema = z
  .object({ rate: atMost('txRate', z.number().min(0)).nullable() })
  .strict()

export const exportRunSchema = z
  .object({ id: runId, format: z.enum(['jsonl', 'csv', 'run']) })
  .strict()
