import type { ReadyAnswer } from './replay-protocol'
import { keyOf } from './state-answers'
import { charsOf, textFor, type StateTexts } from './state-texts'

/**
 * Characters of ready answers the lab's thread holds, both forms (1.5 MB each at 2,000 nodes):
 * about 20, as many as before the second form.
 */
export const READY_KEPT_CHARS = 32_000_000

/**
 * On the lab's thread: the answers the replay thread made before they were asked (ReadyAnswer),
 * most recently told last. A scrub's next clock is then answered at once, where asking the
 * replay thread would wait for the piece of work it is in (a restore of 2,000 nodes, a state's
 * snapshot: tens of milliseconds each, more on a loaded machine). Finished runs only: their
 * states never change.
 */
export class ReadyAnswers {
  private readonly answers = new Map<string, StateTexts>()
  private chars = 0

  add(ready: ReadyAnswer): void {
    const key = keyOf(ready.runId, ready.clock, ready.chainsOf)
    this.drop(key)
    this.answers.set(key, ready.texts)
    this.chars += charsOf(ready.texts)
    for (const old of this.answers.keys()) {
      if (this.chars <= READY_KEPT_CHARS) break
      this.drop(old)
    }
  }

  /** The state's JSON if it is ready, without the peers for a caller holding links `held`. */
  get(
    runId: number,
    clock: number,
    chainsOf: string | undefined,
    held?: string,
  ): string | undefined {
    const texts = this.answers.get(keyOf(runId, clock, chainsOf))
    return texts && textFor(texts, held)
  }

  forget(runId: number): void {
    for (const key of [...this.answers.keys()]) if (key.startsWith(`${runId}:`)) this.drop(key)
  }

  get size(): number {
    return this.answers.size
  }

  private drop(key: string): void {
    const texts = this.answers.get(key)
    if (texts === undefined) return
    this.answers.delete(key)
    this.chars -= charsOf(texts)
  }
}
