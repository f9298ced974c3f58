import { useSyncExternalStore } from 'react'
import type { LabClient } from '../../../shared/lab-bridge'
import { sweepSchema, type SweepRow } from '../../../shared/sweep'
import { PRESETS, sweepIssues } from './SweepForm'

export interface SweepState {
  readonly text: string
  readonly error: string | null
  readonly progress: { done: number; total: number; seconds: number } | null
  readonly rows: SweepRow[] | null
  readonly running: boolean
  /** The running sweep's id, from its first progress event: what Cancel stops. */
  readonly sweepId: number | null
  /** A Redis URL: the sweep goes to sweep-worker processes on a queue; empty: this machine. */
  readonly queue: string
  /** Through a queue: which worker ran each run, by the run's index in the sweep. */
  readonly workers: Readonly<Record<number, string>>
}

/**
 * The Experiments tab's sweep, held outside the tab: a sweep goes on, and its progress and
 * results stay, while the user looks at another tab.
 */
export class SweepSession {
  private state: SweepState = {
    text: JSON.stringify(PRESETS[0]!.sweep, null, 2),
    error: null,
    progress: null,
    rows: null,
    running: false,
    sweepId: null,
    queue: '',
    workers: {},
  }
  private readonly listeners = new Set<() => void>()

  constructor(private readonly client: LabClient) {}

  /** Listens to the sweep's progress; returns the function that stops. */
  start(): () => void {
    return this.client.subscribe('sweep-progress', ({ sweepId, index, worker, ...progress }) =>
      this.set({
        sweepId,
        progress,
        ...(index !== undefined && worker !== undefined
          ? { workers: { ...this.state.workers, [index]: worker } }
          : {}),
      }),
    )
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get = (): SweepState => this.state

  setText(text: string): void {
    this.set({ text })
  }

  setQueue(queue: string): void {
    this.set({ queue })
  }

  async run(): Promise<void> {
    const issues = sweepIssues(this.state.text)
    if (issues.length > 0) return this.set({ error: issues.join('; ') })
    const sweep = sweepSchema.parse(JSON.parse(this.state.text))
    const queue = this.state.queue.trim()
    this.set({
      error: null,
      running: true,
      workers: {},
      progress: { done: 0, total: 0, seconds: 0 },
    })
    try {
      this.set({ rows: (await this.client.runSweep({ sweep, ...(queue ? { queue } : {}) })).rows })
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      this.set({ error: /cancelled/.test(message) ? 'Cancelled.' : message })
    } finally {
      this.set({ running: false, sweepId: null })
    }
  }

  /**
   * Stops the sweep under way by its id; the experiments already done stay recorded as runs.
   * Before its first progress event has come, the id is not known yet: then whichever sweep runs.
   */
  async cancel(): Promise<void> {
    const { sweepId } = this.state
    await this.client.cancelSweep(sweepId === null ? {} : { id: sweepId })
  }

  private set(patch: Partial<SweepState>): void {
    this.state = { ...this.state, ...patch }
    for (const listener of this.listeners) listener()
  }
}

export function useSweepSession(session: SweepSession): SweepState {
  return useSyncExternalStore(session.subscribe, session.get)
}
