import type { RunSummary } from '../../../shared/run-types'
import type { SeriesQuery } from '../series/series-buckets'
import type { StateTexts } from './state-texts'

/** A state request: a run at a clock, perhaps lighter (`chainsOf`), perhaps one of a scrub. */
export interface StateRequest {
  readonly runId: number
  readonly clock: number
  readonly chainsOf?: string | undefined
  /** The links of the state the caller holds (RunState.links): if the same, no peers are sent. */
  readonly heldLinks?: string | undefined
  /**
   * The scrub this request belongs to: its slot in the shared ticket board and its ticket there.
   * A later request of the same scrub writes a higher ticket, which tells this one to stop.
   */
  readonly scrub?: { readonly slot: number; readonly ticket: number } | undefined
  /**
   * The lab's thread answered it already (a ReadyAnswer): the thread only follows the scrub
   * (which way it moves, what to make ready next) and answers an empty text.
   */
  readonly answered?: boolean
}

/**
 * A finished run's state made before it was asked (ahead of a scrub, or passed on the way to a
 * clock asked), told to the lab's thread as a notice: the lab's thread answers it from there,
 * without waiting for the replay thread.
 */
export interface ReadyAnswer {
  readonly runId: number
  readonly clock: number
  readonly chainsOf: string | undefined
  readonly texts: StateTexts
}

/** What the lab asks of its replay thread (see workers/worker-protocol.ts). */
export type ReplayCalls = {
  /**
   * A run's state at a clock, rebuilt in the thread from its cache of networks, as JSON text: a
   * string crosses threads as one copy, where a 2,000-node state's objects took 70 ms to clone,
   * and the lab's thread sends it on as it is.
   */
  state: { input: StateRequest; output: string }
  /**
   * A run in buckets of clocks, as JSON text: the digest of a long run's events is read and kept
   * here, not on the lab's thread (a 2,000-node run's took seconds there).
   */
  series: { input: { run: RunSummary; query: SeriesQuery }; output: string }
  /** Drops what the thread keeps of a run (a deleted run): states and series. */
  forget: { input: number; output: null }
  /** Closes the thread's connection before it goes. */
  close: { input: null; output: null }
}

/** Scrubs followed at once: each has a slot of the ticket board (see ScrubTickets). */
export const SCRUB_SLOTS = 64

/** The replay thread's start data: the file, and the ticket board shared with the lab's thread. */
export interface ReplayWorkerData {
  readonly file: string
  readonly nativeBinding?: string
  readonly tickets: SharedArrayBuffer
}
