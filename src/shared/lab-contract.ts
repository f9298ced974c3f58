import type * as z from 'zod'
import type { NodeSnapshot, TreeBlock } from '../core/snapshot-types'
import type { Block } from '../core/chain/block'
import type { NetworkInfo, TxResult } from './api-types'
import type { LabMethodName } from './lab-method-names'
import {
  createNetworkSchema,
  emptySchema,
  linkSchema,
  nodeSchema,
  sendTransactionSchema,
  stepSchema,
} from './schemas'

export { LAB_METHOD_NAMES, channelOf, type LabMethodName } from './lab-method-names'

type Method = 'GET' | 'POST'

interface MethodSpec<I extends z.ZodType> {
  readonly http: readonly [Method, string]
  readonly input: I
  readonly summary: string
}

function method<I extends z.ZodType>(
  verb: Method,
  path: string,
  input: I,
  summary: string,
): MethodSpec<I> {
  return { http: [verb, path], input, summary }
}

/**
 * Everything the renderer may ask of the main side, defined once. The IPC handlers, the preload
 * bridge and the browser's HTTP transport are all built from this table; channel names and
 * routes derive from it and are never typed twice.
 */
export const LAB_METHODS = {
  getNetwork: method('GET', '/api/network', emptySchema, 'The live network'),
  createNetwork: method('POST', '/api/network', createNetworkSchema, 'Create a new network'),
  start: method('POST', '/api/network/start', emptySchema, 'Start every node'),
  reset: method('POST', '/api/network/reset', emptySchema, 'Reset every node to genesis'),
  step: method('POST', '/api/network/step', stepSchema, 'Step every node together'),
  cutLink: method('POST', '/api/network/links/cut', linkSchema, 'Cut a link (partition)'),
  healLink: method('POST', '/api/network/links/heal', linkSchema, 'Heal a cut link'),
  getNode: method('GET', '/api/nodes/:node', nodeSchema, "A node's state"),
  getChain: method('GET', '/api/nodes/:node/chain', nodeSchema, "A node's main chain"),
  getBlockTree: method('GET', '/api/nodes/:node/tree', nodeSchema, 'Every block a node knows'),
  mine: method('POST', '/api/nodes/:node/mine', nodeSchema, 'Ask a node to mine'),
  sendTransaction: method(
    'POST',
    '/api/nodes/:node/transactions',
    sendTransactionSchema,
    'Submit a transaction to a node',
  ),
} as const satisfies Record<LabMethodName, MethodSpec<z.ZodType>>

/** What each method answers. */
export interface LabOutputs {
  getNetwork: NetworkInfo
  createNetwork: NetworkInfo
  start: NetworkInfo
  reset: NetworkInfo
  step: NetworkInfo
  cutLink: NetworkInfo
  healLink: NetworkInfo
  getNode: NodeSnapshot
  getChain: Block[]
  getBlockTree: TreeBlock[]
  mine: NodeSnapshot
  sendTransaction: TxResult
}

export type LabInput<K extends LabMethodName> = z.infer<(typeof LAB_METHODS)[K]['input']>

/** The one handler type behind every transport (Actual Budget's `Handlers`). */
export type LabHandlers = {
  [K in LabMethodName]: (input: LabInput<K>) => Promise<LabOutputs[K]>
}

/** Fills a route's `:name` parameters from the input; the rest travels as query or body. */
export function routeFor(
  name: LabMethodName,
  input: Record<string, unknown>,
): { method: Method; path: string; rest: Record<string, unknown> } {
  const [verb, pattern] = LAB_METHODS[name].http
  const rest = { ...input }
  const path = pattern.replace(/:([a-z]+)/g, (_, key: string) => {
    const value = encodeURIComponent(String(rest[key]))
    delete rest[key]
    return value
  })
  return { method: verb, path, rest }
}
