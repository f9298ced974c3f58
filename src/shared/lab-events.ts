// The events the main side pushes, apart from the API's types they carry: a tick is built from
// api-types' summaries (network-tick.ts), so the events naming it here keep the imports one way.
import type { SequencedEvent } from '../core/events'
import type { ApiCall, NetworkInfo } from './api-types'
import type { RecordingState } from './database-types'
import type { ExportFormat } from './export-formats'
import type { NetworkTick } from './network-tick'

/** What the main side pushes to the renderer and to `GET /api/events` subscribers. */
export interface LabEvents {
  /** A batch of engine events, in order. */
  engine: readonly SequencedEvent[]
  /** A new network replaced the old one (created, reset, branched): the whole overview. */
  network: NetworkInfo
  /** A command took effect (a step, a cut link, a switch): the overview in its compact form. */
  'network-tick': NetworkTick
  /** An HTTP call reached a node or the lab API. */
  'api-call': ApiCall
  /** The desktop app's menu asked for something only the window can do (File > Open). */
  menu: 'open-run'
  /** A verification running: commands re-executed so far. */
  'verify-progress': { readonly runId: number; readonly done: number; readonly total: number }
  /** An export being saved by the desktop app: lines written so far. */
  'export-progress': {
    readonly runId: number
    readonly format: ExportFormat
    readonly done: number
    readonly total: number
  }
  /** Recording stopped (and why) or resumed. */
  recording: RecordingState
  /** A sweep running: experiments done so far (0 as it starts, naming its id for a cancel). */
  'sweep-progress': {
    /** The sweep's id: POST /api/sweeps/:id/cancel stops it. */
    readonly sweepId: number
    readonly done: number
    readonly total: number
    readonly seconds: number
    /** Through a queue: the run just finished (its index in the sweep) and the worker that ran it. */
    readonly index?: number
    readonly worker?: string
  }
}

export type LabEventName = keyof LabEvents

/**
 * The events the main side forwards to every window (IPC) and event stream (SSE), each with its
 * payload as it is: every event but `menu`, which the desktop's menu sends to one window. A new
 * event is forwarded once it is named here; `Exclude` below makes forgetting it a type error.
 */
export const FORWARDED_EVENTS = [
  'engine',
  'network',
  'network-tick',
  'api-call',
  'sweep-progress',
  'verify-progress',
  'export-progress',
  'recording',
] as const satisfies readonly LabEventName[]

export type ForwardedEvent = (typeof FORWARDED_EVENTS)[number]

// Every event is either forwarded or the menu's own: a new one missing from the list fails here.
const _everyEventForwarded: Exclude<LabEventName, ForwardedEvent | 'menu'> extends never
  ? true
  : never = true
void _everyEventForwarded
