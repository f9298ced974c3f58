import type { RunSummary } from '../../../shared/run-types'
import type { RunReader } from '../read/run-reader'
import type { ShouldStop } from './replay-cursor'
import type { ReadyAnswer } from './replay-protocol'
import { SAVE_EVERY } from './replay-cache'
import type { Passing, RunReplayer } from './run-replay'
import { charsOf, stateText, stateTexts, textFor, type StateTexts } from './state-texts'

/**
 * Characters of answers kept, both forms counted (about 1.1 and 0.45 MB for one node's chain at
 * 2,000 nodes): about 40 answers of one node, as many as before the second form.
 */
export const ANSWERS_KEPT_CHARS = 64_000_000

/**
 * Clocks made ready ahead of a scrub, in the direction it moves (and back after a jump). Going
 * back, a restore and the replay up to the lowest of them (a block's propagation through 2,000
 * nodes: 200-400 ms on a loaded machine) must be done before a person stepping a clock every
 * 100 ms reaches it: five clocks give it the time of four scrubs.
 */
export const AHEAD = 5

/** One scrub's last request, and the scrub's ticket then (a later request changes it). */
export interface ScrubMove {
  readonly runId: number
  readonly clock: number
  readonly chainsOf: string | undefined
  /** True while no later request of the scrub came: the work ahead is still wanted. */
  readonly current: () => boolean
  /** The clock asked before this one by the same scrub, if any. */
  readonly previous: number | undefined
}

/**
 * A replay's answers (a state's JSON) as the replay thread gives them: a finished run's state at
 * a clock never changes, so answers are kept, and while the thread has nothing to do it makes
 * ready the clocks a scrub will most likely ask next (the next ones in the direction it moves,
 * or the ones back and the next one after a jump), the nearest first, handing out the others of
 * them that its rebuild passes: scrubbing back then restores once for a few clocks, while the
 * page draws, instead of once per clock as it is asked. With nothing else to do, it makes the
 * run's end ready (see readyEnd).
 *
 * A live run's state at its last clock can still change (a command at the same clock), so a live
 * run's answers are neither kept nor made ahead.
 */
export class StateAnswers {
  private readonly kept = new Map<string, StateTexts>()
  private keptChars = 0
  private ahead: ScrubMove | null = null
  private scheduled = false
  /**
   * Finished runs' summaries, read once: a finished run's clocks and status never change, and
   * reading a summary parses the run's config (2,000 nodes' names), once per answer and per
   * piece of work ahead before.
   */
  private readonly finished = new Map<number, RunSummary>()

  constructor(
    private readonly replayer: Pick<RunReplayer, 'stateAt' | 'forget'>,
    private readonly reader: Pick<RunReader, 'getRun' | 'config'>,
    /** How the work ahead waits for the thread to be idle (setImmediate; a test steps it). */
    private readonly whenIdle: (work: () => void) => void = (work) => void setImmediate(work),
    /**
     * Hears of each answer made before it was asked (ahead, or handed out on the way): the
     * replay thread passes them to the lab's thread, which then answers them without waiting
     * for this thread, busy as it may be with the next piece of work ahead.
     */
    private readonly onReady: (ready: ReadyAnswer) => void = () => {},
  ) {}

  /**
   * The state's JSON, without the peers for a caller holding the same links (`held`): kept, or
   * rebuilt now (ReplayStopped when `shouldStop` says so).
   */
  answer(
    runId: number,
    clock: number,
    chainsOf: string | undefined,
    { held, shouldStop }: { held?: string | undefined; shouldStop?: ShouldStop } = {},
  ): string {
    if (!this.isFinished(runId))
      return stateText(this.replayer.stateAt(runId, clock, chainsOf, shouldStop), held)
    return textFor(this.texts(runId, clock, chainsOf, shouldStop), held)
  }

  /**
   * A finished run's state in both forms: kept, or rebuilt now. `ahead`: made before it was
   * asked, handing out as many of the clocks below it as it passes, up to that many.
   */
  private texts(
    runId: number,
    clock: number,
    chainsOf: string | undefined,
    shouldStop?: ShouldStop,
    ahead?: number,
  ): StateTexts {
    const key = keyOf(runId, clock, chainsOf)
    const kept = this.kept.get(key)
    if (kept !== undefined) {
      // Most recently used last.
      this.kept.delete(key)
      this.kept.set(key, kept)
      return kept
    }
    // Only a scrub's answers of one node are asked again holding the links (see StateTexts).
    const oneNode = chainsOf !== undefined
    // The clocks just below, passed on the way, are kept too: after a jump, a scrub's first
    // clocks back find them ready (answering them later would take a restore and a replay each).
    const passing: Passing = {
      wanted: (at) => !this.kept.has(keyOf(runId, at, chainsOf)),
      take: (at, state) =>
        this.ready({ runId, clock: at, chainsOf, texts: stateTexts(state, oneNode) }),
      // Work ahead hands out the clocks it passes that it was told to (a snapshot each, where a
      // clock asked later would cost a restore and a replay); an asked clock only the few just
      // below it, which a person waits for the asked clock behind.
      ...(ahead !== undefined ? { reach: ahead } : {}),
      // A scrub's request or the work ahead (both can be stopped), naming one node: whole states
      // (7 MB each at 2,000 nodes) are asked once, as a replay opens.
      below: chainsOf !== undefined && shouldStop !== undefined,
    }
    const state = this.replayer.stateAt(runId, clock, chainsOf, shouldStop, passing)
    const texts = stateTexts(state, oneNode)
    if (ahead !== undefined) this.ready({ runId, clock, chainsOf, texts })
    else this.keep(key, texts)
    return texts
  }

  /**
   * After answering a scrub's request: make its likely next clocks ready when idle. A replay
   * asks its first state whole (every node's chain), not yet knowing its nodes, and from then on
   * names the first node: after a whole state, the clocks ahead are made for that node (whole
   * states of 2,000 nodes are 7 MB each, and would not be asked again).
   */
  followScrub(move: ScrubMove): void {
    if (!this.isFinished(move.runId)) return
    const chainsOf = move.chainsOf ?? this.reader.config(move.runId)?.config.nodes[0]
    this.ahead = { ...move, chainsOf }
    if (this.scheduled) return
    this.scheduled = true
    this.whenIdle(() => this.workAhead())
  }

  forget(runId: number): void {
    for (const key of [...this.kept.keys()])
      if (key.startsWith(`${runId}:`)) this.drop(key, this.kept.get(key) as StateTexts)
    if (this.ahead?.runId === runId) this.ahead = null
    this.finished.delete(runId)
    this.replayer.forget(runId)
  }

  /**
   * The clocks a scrub is likely to ask next, in the order they are made: the nearest first, back
   * or forward. Back, the nearest missing one's rebuild (a restore, then the network stepped
   * forward to it) hands out the others of them it passes (see workAhead). Made lowest first, as
   * they were, each later request of a scrub stepping back moved the work on to a lower clock
   * before the next one asked was made: the fourth clock back after a jump was rebuilt while a
   * person waited (`npm run bench -- ui-replay`). After a jump, the ones back, then the next
   * clock (a step or two from wherever the network is then).
   */
  static nextClocks(move: Pick<ScrubMove, 'clock' | 'previous'>, lastClock: number): number[] {
    const step =
      move.previous === undefined || Math.abs(move.clock - move.previous) !== 1
        ? 0
        : move.clock - move.previous
    const forward = step >= 0 ? (step === 0 ? 1 : AHEAD) : 0
    const back = step <= 0 ? AHEAD : 0
    const wanted = [
      ...Array.from({ length: back }, (_, i) => move.clock - 1 - i),
      ...Array.from({ length: forward }, (_, i) => move.clock + i + 1),
    ]
    return wanted.filter((clock) => clock >= 0 && clock <= lastClock)
  }

  /** One clock ahead per idle turn, so a request that comes meanwhile is answered first. */
  private workAhead(): void {
    this.scheduled = false
    const move = this.ahead
    if (!move || !move.current()) return
    const run = this.finishedRun(move.runId)
    if (!run) return
    // The nearest first: what a person asks next, its rebuild handing out the clocks below it
    // that the scrub will ask soon, and no others: after a jump, the fourth clock back was made
    // behind snapshots of the clocks from its restore on (up to SAVE_EVERY, 20-40 ms each at
    // 2,000 nodes), and a person stepping back waited for it (`npm run bench -- ui`). The ones
    // further down come with a later rebuild, a restore more, while the page draws.
    const wanted = StateAnswers.nextClocks(move, run.clocks)
    const next = wanted.find((clock) => !this.kept.has(keyOf(move.runId, clock, move.chainsOf)))
    if (next === undefined) {
      this.readyEnd(move, run.clocks)
      return
    }
    try {
      const below = next - Math.min(...wanted)
      this.texts(move.runId, next, move.chainsOf, () => !move.current(), below)
    } catch {
      // Stopped for a newer request, or failed: that request says so itself.
      return
    }
    this.scheduled = true
    this.whenIdle(() => this.workAhead())
  }

  /**
   * Once nothing else is ahead: the run's last clock and the few before it (handed out on the
   * way), and the saved states below them. A replay often goes to the end and back from there,
   * and the end's checkpoint leaves nothing below it to restore from but the checkpoint before,
   * a hundred clocks or more away.
   */
  private readyEnd(move: ScrubMove, lastClock: number): void {
    if (this.kept.has(keyOf(move.runId, lastClock, move.chainsOf))) return
    try {
      // Its rebuild starts below the end's checkpoint while the clock before is wanted (see
      // RunReplayer.startFor), so it passes and hands out the SAVE_EVERY clocks below.
      this.texts(move.runId, lastClock, move.chainsOf, () => !move.current(), SAVE_EVERY)
    } catch {
      // Stopped for a newer request, or failed: that request says so itself.
    }
  }

  private isFinished(runId: number): boolean {
    return this.finishedRun(runId) !== null
  }

  /** The run's summary if it is finished (null while live, or unknown). */
  private finishedRun(runId: number): RunSummary | null {
    const known = this.finished.get(runId)
    if (known) return known
    const run = this.reader.getRun(runId)
    if (!run || run.status === 'live') return null
    this.finished.set(runId, run)
    return run
  }

  /** An answer made before it was asked: kept, and told of. */
  private ready(ready: ReadyAnswer): void {
    this.keep(keyOf(ready.runId, ready.clock, ready.chainsOf), ready.texts)
    this.onReady(ready)
  }

  private keep(key: string, texts: StateTexts): void {
    this.kept.set(key, texts)
    this.keptChars += charsOf(texts)
    for (const [oldKey, old] of this.kept) {
      if (this.keptChars <= ANSWERS_KEPT_CHARS) break
      this.drop(oldKey, old)
    }
  }

  private drop(key: string, texts: StateTexts): void {
    this.kept.delete(key)
    this.keptChars -= charsOf(texts)
  }
}

export function keyOf(runId: number, clock: number, chainsOf: string | undefined): string {
  return `${runId}:${clock}:${chainsOf ?? ''}`
}
