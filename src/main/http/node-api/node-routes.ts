import * as z from 'zod'
import { MAX_STEP, nodeName, transferSchema } from '../../../shared/schemas'
import type { LabService } from '../../lab/lab-service'
import { LabError, parseInput } from '../../../shared/errors'
import { isLoopbackHost } from '../http-kit'
import type { PeerEntry, Reply, WireFormat } from './dialect'
import type { PostedKeyOrder } from './posted-key-order'

export type { Reply } from './dialect'

export interface RouteContext {
  readonly service: LabService
  readonly node: string
  readonly format: WireFormat
  readonly params: Readonly<Record<string, string>>
  readBody(): Promise<unknown>
  /** Maps another node's API port to its name, for `peer/add` by port. */
  nodeAtPort(port: number): string | null
  /** A node's API port, for the earlier server's `(address, port)` peer list. */
  portOf(node: string): number | null
  /** Where the key order of posted transfers is kept, for the legacy dialect's lists. */
  readonly postedKeys: PostedKeyOrder
}

export interface NodeRoute {
  readonly method: 'GET' | 'POST'
  /** Path patterns without the leading slash; the first is the documented one, the rest aliases. */
  readonly paths: readonly string[]
  readonly summary: string
  /** The body schema, for validation and the OpenAPI document. */
  readonly body?: z.ZodType
  /** The body may be left out (`peer/clear` without one unlinks every peer). */
  readonly bodyOptional?: boolean
  /** Routes a node answers before `start`: only `start` itself. */
  readonly beforeStart?: boolean
  handle(ctx: RouteContext): Promise<Reply>
}

const ok = (body: unknown, status = 200): Reply => ({ status, body })
const empty: Reply = { empty: true }

const DIGITS = /^\d+$/

/** A non-negative integer path parameter, or a 400 naming it. */
function intParam(ctx: RouteContext, name: string): number {
  const text = ctx.params[name] ?? ''
  const value = Number(text)
  if (!DIGITS.test(text) || !Number.isSafeInteger(value))
    throw new LabError('invalid-parameter', `${name} must be a non-negative integer, not "${text}"`)
  return value
}

/**
 * A peer, by name or by its node API port. `addr` is the earlier server's spelling of the
 * address (`{"addr": "127.0.0.1", "port": 50083}`); every node of the lab is on loopback.
 */
const peerTargetSchema = z.union([
  z.object({ peer: nodeName }).strict(),
  z
    .object({
      addr: z.string().max(255).optional(),
      host: z.string().max(255).optional(),
      port: z.number().int().min(1).max(65535),
    })
    .strict(),
])

type PeerTarget = z.infer<typeof peerTargetSchema>

function peerOf(ctx: RouteContext, target: PeerTarget): string {
  if ('peer' in target) return target.peer
  const address = target.addr ?? target.host
  const peer = address === undefined || isLoopbackHost(address) ? ctx.nodeAtPort(target.port) : null
  if (!peer)
    throw new LabError(
      'not-found',
      `no node of this lab listens at ${address ?? '127.0.0.1'}:${target.port}`,
    )
  return peer
}

async function peersOf(ctx: RouteContext): Promise<PeerEntry[]> {
  const peers = await ctx.service.query({ type: 'peers', node: ctx.node })
  return peers.map((p) => ({ ...p, port: ctx.portOf(p.id) }))
}

const addTransaction: NodeRoute['handle'] = async (ctx) => {
  // Zero, negative, fractional and huge values reach the engine, which refuses them like any
  // other invalid transfer, so the refusal is recorded with the run.
  const body = await ctx.readBody()
  const input = parseInput(ctx.format.transfer, body)
  const result = await ctx.service.sendTransaction(ctx.node, input, 'node-api')
  if (result.result !== 'success')
    return ok({ result: 'fail', code: result.code, reason: result.reason }, 422)
  ctx.postedKeys.remember(result.tx.id, body)
  return ctx.format.added(result.tx)
}

const txPool: NodeRoute['handle'] = async (ctx) => {
  const node = await ctx.service.query({ type: 'node', node: ctx.node })
  return ok(ctx.format.pool(node.pool))
}

/** The documented node API, route by route (spec: "The API, one HTTP server per node"). */
export const NODE_ROUTES: readonly NodeRoute[] = [
  {
    method: 'GET',
    paths: ['start'],
    summary: 'Activate the node; needed once each time the program starts',
    beforeStart: true,
    handle: async (ctx) => {
      const { started } = await ctx.service.query({ type: 'brief', node: ctx.node })
      await ctx.service.execute(
        started && ctx.format.restartsOnStart
          ? { type: 'restart', node: ctx.node }
          : { type: 'start', node: ctx.node },
        'node-api',
      )
      return ctx.format.done
    },
  },
  {
    method: 'GET',
    paths: ['reset'],
    summary: 'Clock 0, empty pool, chain = genesis only',
    handle: async (ctx) => {
      await ctx.service.execute({ type: 'reset', node: ctx.node }, 'node-api')
      return ctx.format.done
    },
  },
  {
    method: 'GET',
    paths: ['status'],
    summary: "The node's clock and status",
    handle: async (ctx) => {
      const brief = await ctx.service.query({ type: 'brief', node: ctx.node })
      return ok(ctx.format.status(brief.clock, brief.status))
    },
  },
  {
    method: 'GET',
    paths: ['block/latest'],
    summary: 'The newest block of the main chain',
    handle: async (ctx) => {
      const block = await ctx.service.query({ type: 'block', node: ctx.node, height: 'latest' })
      return ok(block && ctx.format.block(block))
    },
  },
  {
    method: 'GET',
    paths: ['block/all'],
    summary: 'The main chain',
    handle: async (ctx) =>
      ok(ctx.format.chain(await ctx.service.query({ type: 'chain', node: ctx.node }))),
  },
  {
    method: 'GET',
    paths: ['block/:id'],
    summary: "The main chain's block at height id (404 if none)",
    handle: async (ctx) => {
      const height = intParam(ctx, 'id')
      const block = await ctx.service.query({ type: 'block', node: ctx.node, height })
      if (!block) throw new LabError('not-found', `no block at height ${height} on the main chain`)
      return ok(ctx.format.block(block))
    },
  },
  {
    method: 'GET',
    paths: ['txPool/all', 'txpool/all', 'transactionpool/all'],
    summary: 'The transaction pool',
    handle: txPool,
  },
  {
    method: 'GET',
    paths: ['mine'],
    summary: 'Request mining: the node is mining from its next free clock',
    handle: async (ctx) => {
      await ctx.service.execute({ type: 'mine', node: ctx.node }, 'node-api')
      return empty
    },
  },
  {
    method: 'GET',
    paths: ['clock/:clock'],
    summary: 'Step the node to that clock (409 for an earlier clock)',
    handle: async (ctx) => {
      const clock = intParam(ctx, 'clock')
      const brief = await ctx.service.query({ type: 'brief', node: ctx.node })
      if (clock - brief.clock > MAX_STEP)
        throw new LabError(
          'invalid-parameter',
          `clock ${clock} is more than ${MAX_STEP} clocks ahead of ${brief.clock}`,
        )
      await ctx.service.execute({ type: 'step-node', node: ctx.node, clock }, 'node-api')
      return empty
    },
  },
  {
    method: 'POST',
    paths: ['tx/add', 'transaction/addrequest'],
    summary: 'Add a transaction to the pool (received at the next free clock)',
    body: transferSchema,
    handle: addTransaction,
  },
  {
    method: 'GET',
    paths: ['peer'],
    summary: "The node's peers",
    handle: async (ctx) => ok(ctx.format.peers(await peersOf(ctx))),
  },
  {
    method: 'POST',
    paths: ['peer/add'],
    summary: 'Link a peer: {"peer": "node2"} or {"port": 50083} (its node API port)',
    body: peerTargetSchema,
    handle: async (ctx) => {
      const peer = peerOf(ctx, parseInput(peerTargetSchema, await ctx.readBody()))
      await ctx.service.execute({ type: 'add-link', a: ctx.node, b: peer }, 'node-api')
      return ctx.format.linked(await peersOf(ctx))
    },
  },
  {
    method: 'POST',
    paths: ['peer/clear'],
    summary: 'Unlink one peer ({"peer": …} or {"port": …}), or every peer when sent no body',
    body: peerTargetSchema,
    bodyOptional: true,
    handle: async (ctx) => {
      const body = await ctx.readBody()
      await ctx.service.execute(
        body === undefined
          ? { type: 'clear-peers', node: ctx.node }
          : {
              type: 'remove-link',
              a: ctx.node,
              b: peerOf(ctx, parseInput(peerTargetSchema, body)),
            },
        'node-api',
      )
      return ctx.format.linked(await peersOf(ctx))
    },
  },
]
