import * as z from 'zod'
import type { NodeSnapshot, TreeBlock } from '../core/snapshot-types'
import type { Block } from '../core/chain/block'
import type { NetworkInfo, TxResult } from './api-types'
import type { LabMethodName } from './lab-method-names'
import type { NetworkTick } from './network-tick'
import type { BucketedSeries, EventPage, RunState, RunSummary, VerifyResult } from './run-types'
import type { Scenario } from './scenario'
import type { DatabaseCheck, RecordingState } from './database-types'
import { sweepSchema, type SweepRow } from './sweep'
import {
  wholeNumber,
  exportRunSchema,
  autoMineSchema,
  workloadSchema,
  blockSchema,
  createNetworkSchema,
  emptySchema,
  linkSchema,
  nodeSchema,
  runClockSchema,
  runStateSchema,
  runEventsSchema,
  runSchema,
  runSeriesSchema,
  sendTransactionSchema,
  stepSchema,
  updateRunSchema,
} from './schemas'

export { LAB_METHOD_NAMES, channelOf, type LabMethodName } from './lab-method-names'

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

const runSweepSchema = z
  .object({
    sweep: sweepSchema,
    /** A Redis URL (redis://[:password@]host:port): the runs go to sweep-worker processes. */
    queue: z.string().min(1).max(2_048).optional(),
  })
  .strict()

interface MethodSpec<I extends z.ZodType> {
  readonly http: readonly [Method, string]
  readonly input: I
  readonly summary: string
  /** Older paths the method still answers on (their clients keep working). */
  readonly aliases?: readonly string[]
}

function method<I extends z.ZodType>(
  verb: Method,
  path: string,
  input: I,
  summary: string,
  aliases?: readonly string[],
): MethodSpec<I> {
  return { http: [verb, path], input, summary, ...(aliases ? { aliases } : {}) }
}

/**
 * Everything the renderer may ask of the main side, defined once. The IPC handlers, the preload
 * bridge and the browser's HTTP transport are all built from this table; channel names and
 * routes derive from it and are never typed twice.
 */
export const LAB_METHODS = {
  getNetwork: method('GET', '/api/network', emptySchema, 'The live network'),
  getRecording: method(
    'GET',
    '/api/recording',
    emptySchema,
    'Whether the live network is being recorded (on, off, or stopped and why), without the network',
  ),
  createNetwork: method('POST', '/api/network', createNetworkSchema, 'Create a new network'),
  start: method('POST', '/api/network/start', emptySchema, 'Start every node'),
  reset: method('POST', '/api/network/reset', emptySchema, 'Reset every node to genesis'),
  step: method('POST', '/api/network/step', stepSchema, 'Step every node together'),
  stepTick: method(
    'POST',
    '/api/network/step/tick',
    stepSchema,
    'Step every node together; answers the overview in its compact form (what the UI plays with)',
  ),
  cutLink: method('POST', '/api/network/links/cut', linkSchema, 'Cut a link (partition)'),
  healLink: method('POST', '/api/network/links/heal', linkSchema, 'Heal a cut link'),
  getNode: method('GET', '/api/nodes/:node', nodeSchema, "A node's state"),
  getChain: method('GET', '/api/nodes/:node/chain', nodeSchema, "A node's main chain"),
  getBlockTree: method('GET', '/api/nodes/:node/tree', nodeSchema, 'Every block a node knows'),
  getBlock: method('GET', '/api/nodes/:node/blocks/:hash', blockSchema, 'A block a node knows'),
  mine: method('POST', '/api/nodes/:node/mine', nodeSchema, 'Ask a node to mine'),
  sendTransaction: method(
    'POST',
    '/api/nodes/:node/transactions',
    sendTransactionSchema,
    'Submit a transaction to a node',
  ),
  setAutoMine: method(
    'POST',
    '/api/network/auto-mine',
    autoMineSchema,
    'Automatic mining on (a block every `interval` clocks) or off (null)',
  ),
  setWorkload: method(
    'POST',
    '/api/network/workload',
    workloadSchema,
    'The transaction workload on (`rate` transfers per clock) or off (null)',
  ),
  listRuns: method('GET', '/api/runs', emptySchema, 'Every recorded run'),
  getRun: method('GET', '/api/runs/:id', runSchema, 'One recorded run'),
  updateRun: method('PATCH', '/api/runs/:id', updateRunSchema, 'Rename a run or change its notes'),
  deleteRun: method('DELETE', '/api/runs/:id', runSchema, 'Delete a saved run'),
  getRunEvents: method('GET', '/api/runs/:id/events', runEventsSchema, "A page of a run's events"),
  getRunState: method(
    'GET',
    '/api/runs/:id/state',
    runStateSchema,
    'Every node of a run at a clock, as the live API answered then (`chainsOf`: only that node with its chain and tree; `links`: those of a state held, no peers while the same)',
  ),
  getRunSeries: method(
    'GET',
    '/api/runs/:id/series',
    runSeriesSchema,
    'A run, or the clocks from..to of it, in equal buckets for the charts (the whole run by default)',
  ),
  verifyRun: method(
    'POST',
    '/api/runs/:id/verify',
    runSchema,
    'Re-execute a run and compare it event by event',
  ),
  cancelVerify: method(
    'POST',
    '/api/runs/:id/verify/cancel',
    runSchema,
    'Stop a verification under way (it answers with the code cancelled)',
  ),
  branchRun: method(
    'POST',
    '/api/runs/:id/branch',
    runClockSchema,
    "A new live network from a run's state at a clock",
  ),
  getRunScenario: method('GET', '/api/runs/:id/scenario', runSchema, 'A run as a scenario file'),
  openRunFile: method(
    'POST',
    '/api/runs/open',
    emptySchema,
    'Desktop app only: ask for a .chain-lab-run file with the open dialog and import it ' +
      '(null when dismissed). Elsewhere, POST the file itself to /api/runs/import',
  ),
  runSweep: method(
    'POST',
    '/api/sweeps',
    runSweepSchema,
    'Run a sweep (settings × seeds) in worker threads, or with `queue` on workers through ' +
      'Redis; progress arrives as sweep-progress events',
  ),
  cancelSweep: method(
    'POST',
    '/api/sweeps/:id/cancel',
    z.object({ id: wholeNumber(1).optional() }).strict(),
    'Stop a sweep (its id comes with its sweep-progress events; without one, /api/sweeps/cancel ' +
      'stops whichever runs): it answers with the code cancelled, its runs stop within a second, ' +
      'and finished experiments stay recorded',
    ['/api/sweeps/cancel'],
  ),
  saveRunExport: method(
    'POST',
    '/api/runs/:id/export/save',
    exportRunSchema,
    'Desktop app only: ask where to save a run export with the save dialog and write it there, ' +
      'progress arriving as export-progress events (path null when dismissed). Elsewhere, ' +
      'GET /api/runs/:id/export streams it',
  ),
  cancelExport: method(
    'POST',
    '/api/runs/:id/export/cancel',
    runSchema,
    'Stop saving an export under way: it answers with the code cancelled, and no file is left',
  ),
  checkDatabase: method(
    'POST',
    '/api/database/check',
    emptySchema,
    "SQLite's full check of the database file (integrity_check), off the lab's thread: " +
      'ok, or the first problems found. Every start runs the quicker quick_check',
  ),
} as const satisfies Record<LabMethodName, MethodSpec<z.ZodType>>

/** What each method answers. */
export interface LabOutputs {
  getNetwork: NetworkInfo
  getRecording: RecordingState
  createNetwork: NetworkInfo
  start: NetworkInfo
  reset: NetworkInfo
  step: NetworkInfo
  stepTick: NetworkTick
  cutLink: NetworkInfo
  healLink: NetworkInfo
  getNode: NodeSnapshot
  getChain: Block[]
  getBlockTree: TreeBlock[]
  getBlock: Block
  mine: NodeSnapshot
  sendTransaction: TxResult
  setAutoMine: NetworkInfo
  setWorkload: NetworkInfo
  listRuns: RunSummary[]
  getRun: RunSummary
  updateRun: RunSummary
  deleteRun: { deleted: number }
  getRunEvents: EventPage
  getRunState: RunState
  getRunSeries: BucketedSeries
  verifyRun: VerifyResult
  cancelVerify: { cancelled: boolean }
  branchRun: NetworkInfo
  getRunScenario: Scenario
  openRunFile: RunSummary | null
  saveRunExport: { path: string | null; lines: number; bytes: number }
  cancelExport: { cancelled: boolean }
  runSweep: { sweepId: number; rows: SweepRow[]; runIds: (number | null)[] }
  cancelSweep: { cancelled: boolean }
  checkDatabase: DatabaseCheck
}

export type LabInput<K extends LabMethodName> = z.infer<(typeof LAB_METHODS)[K]['input']>

/** The one handler type behind every transport (Actual Budget's `Handlers`). */
export type LabHandlers = {
  [K in LabMethodName]: (input: LabInput<K>) => Promise<LabOutputs[K]>
}

/**
 * Fills a route's `:name` parameters from the input; the rest travels as query or body. Input
 * without a parameter takes the first alias that needs none.
 */
export function routeFor(
  name: LabMethodName,
  input: Record<string, unknown>,
): { method: Method; path: string; rest: Record<string, unknown> } {
  const spec: MethodSpec<z.ZodType> = LAB_METHODS[name]
  const [verb, primary] = spec.http
  const filled = (path: string) =>
    [...path.matchAll(/:([a-z]+)/g)].every(([, key]) => input[key as string] !== undefined)
  const pattern = filled(primary) ? primary : (spec.aliases?.find(filled) ?? primary)
  const rest = { ...input }
  const path = pattern.replace(/:([a-z]+)/g, (_, key: string) => {
    const value = encodeURIComponent(String(rest[key]))
    delete rest[key]
    return value
  })
  return { method: verb, path, rest }
}
