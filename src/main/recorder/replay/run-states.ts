import type { RunState, RunSummary } from '../../../shared/run-types'
import type { RunSeriesCache } from '../series/run-series-cache'
import type { SeriesQuery } from '../series/series-buckets'
import { startWorker } from '../../workers/start-worker'
import { WorkerClient } from '../../workers/worker-protocol'
import { ReadyAnswers } from './ready-answers'
import {
  SCRUB_SLOTS,
  type ReadyAnswer,
  type ReplayCalls,
  type ReplayWorkerData,
  type StateRequest,
} from './replay-protocol'
import type { RunReplayer } from './run-replay'
import { stateText } from './state-texts'

/** A state asked for: `scrub` names a scrub, whose later requests replace this one. */
export interface RunStateQuery {
  readonly runId: number
  readonly clock: number
  readonly chainsOf?: string | undefined
  readonly scrub?: string | undefined
  /** The links of the state the caller holds: while the same, the nodes come without peers. */
  readonly links?: string | undefined
}

/** Runs' states at a clock, rebuilt where they cost the lab's thread nothing (see threadStates). */
export interface RunStates {
  /**
   * The state as JSON text, written where it was rebuilt: the lab's thread sends it as it is.
   * Rejects with `cancelled` when a later request of the same scrub replaced it.
   */
  stateJson(query: RunStateQuery): Promise<string>
  /** The same, parsed, and whole: the main side's own callers hold no state. */
  stateAt(query: Omit<RunStateQuery, 'links'>): Promise<RunState>
  /** A run in buckets of clocks (BucketedSeries), as JSON text made where it was bucketed. */
  seriesJson(run: RunSummary, query: SeriesQuery): Promise<string>
  forget(runId: number): void
  /** Readies the thread now, not on the first state asked for (a lab that may well replay). */
  warm(): void
  close(): Promise<void>
}

/** The replay thread's code: its TypeScript source, unless a bundle names its own. */
export function sourceReplayUrl(): URL {
  return new URL('./replay-worker.ts', import.meta.url)
}

/**
 * Each scrub's latest ticket, in memory shared with the replay thread: the thread reads it
 * between pieces of a rebuild, so a newer request stops an older one at once, although the
 * thread cannot read messages while it rebuilds. The scrubs seen last keep their slots.
 */
export class ScrubTickets {
  readonly buffer = new SharedArrayBuffer(SCRUB_SLOTS * Int32Array.BYTES_PER_ELEMENT)
  private readonly board = new Int32Array(this.buffer)
  private readonly slots = new Map<string, number>()
  private lastTicket = 0

  /** A new ticket for `scrub`, which replaces every earlier one of it. */
  next(scrub: string): { slot: number; ticket: number } {
    let slot = this.slots.get(scrub)
    if (slot !== undefined) this.slots.delete(scrub)
    else if (this.slots.size < SCRUB_SLOTS) slot = this.slots.size
    else {
      const [oldest, itsSlot] = this.slots.entries().next().value as [string, number]
      this.slots.delete(oldest)
      slot = itsSlot
    }
    // Most recently used last: the scrub idle longest gives up its slot first.
    this.slots.set(scrub, slot)
    const ticket = ++this.lastTicket
    Atomics.store(this.board, slot, ticket)
    return { slot, ticket }
  }
}

/**
 * States rebuilt in a replay thread with its own read connection and its own cache of networks
 * (SQLite in WAL mode: it sees what the writer thread committed, a live run as it grows).
 */
export function threadStates(
  file: string,
  options: { url?: URL; nativeBinding?: string } = {},
): RunStates {
  const tickets = new ScrubTickets()
  const ready = new ReadyAnswers()
  let worker: WorkerClient<ReplayCalls> | null = null
  // Started on the first state asked for, or by warm(): most tests never replay, and under tsx
  // a thread takes a second or more to start.
  const thread = (): WorkerClient<ReplayCalls> => {
    worker ??= new WorkerClient<ReplayCalls>(
      startWorker(options.url ?? sourceReplayUrl(), {
        file,
        tickets: tickets.buffer,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      } satisfies ReplayWorkerData),
      (cause) => {
        const message = `the replay thread ${cause.split('\n')[0]}`
        console.error(`[recorder] ${message}`)
        worker?.fail(new Error(message))
      },
      // The thread tells of nothing else.
      (notice) => ready.add(notice as ReadyAnswer),
    )
    return worker
  }
  const stateJson = async ({ runId, clock, chainsOf, scrub, links }: RunStateQuery) => {
    const known = scrub !== undefined ? ready.get(runId, clock, chainsOf, links) : undefined
    const request: StateRequest = {
      runId,
      clock,
      ...(chainsOf !== undefined ? { chainsOf } : {}),
      ...(links !== undefined ? { heldLinks: links } : {}),
      ...(scrub !== undefined ? { scrub: tickets.next(scrub) } : {}),
      ...(known !== undefined ? { answered: true } : {}),
    }
    const asked = thread().call('state', request)
    if (known === undefined) return asked
    // Answered here; the thread still hears of the move, to make ready what comes next.
    asked.catch(() => null)
    return known
  }
  return {
    stateJson,
    stateAt: async ({ runId, clock, chainsOf, scrub }) =>
      JSON.parse(await stateJson({ runId, clock, chainsOf, scrub })) as RunState,
    seriesJson: (run, query) => thread().call('series', { run, query }),
    forget: (runId) => {
      ready.forget(runId)
      worker?.call('forget', runId).catch(() => null)
    },
    warm: () => void thread(),
    close: async () => {
      if (!worker) return
      // A thread still starting, or deep in a rebuild, answers late: the lab's 2 s to stop are
      // not spent waiting on it. Its connection only reads, so ending the thread loses nothing.
      await Promise.race([
        worker.call('close', null).catch(() => null),
        new Promise((resolve) => setTimeout(resolve, 200)),
      ])
      await worker.terminate()
    },
  }
}

/**
 * States rebuilt, and runs bucketed, on the caller's thread (an in-memory file, which no other
 * connection sees).
 */
export function inlineStates(replayer: RunReplayer, series: RunSeriesCache): RunStates {
  return {
    stateJson: async ({ runId, clock, chainsOf, links }) =>
      stateText(replayer.stateAt(runId, clock, chainsOf), links),
    stateAt: async ({ runId, clock, chainsOf }) => replayer.stateAt(runId, clock, chainsOf),
    seriesJson: async (run, query) => JSON.stringify(await series.series(run, query)),
    forget: (runId) => {
      replayer.forget(runId)
      series.forget(runId)
    },
    warm: () => {},
    close: async () => {},
  }
}
