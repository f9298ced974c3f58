import type { DoubleSpendReport } from '../core/attack/double-spend-report'
import { doubleSpendSuccess, nakamotoSuccess, wilsonInterval } from '../core/attack/attack-theory'

/** A double spend's setting of a sweep: its seeds' attempts pooled, against the theory. */
export interface DoubleSpendColumns {
  readonly trials: number
  /** Attempts stopped at the clock cap with the race still on: outside the rate and interval. */
  readonly undecided: number
  readonly successes: number
  /** Attempts whose race ended with the attacker's branch published and longer (the successes). */
  readonly published: number
  /** Successes over the decided attempts, as each run's own report counts them. */
  readonly successRate: number
  /** 95 % Wilson interval of the pooled rate: attempts are independent, seeds only split them. */
  readonly ci95: readonly [number, number]
  /** The exact chance for the lab's rule. */
  readonly predicted: number
  /** Nakamoto's section 11 value. */
  readonly nakamoto: number
}

/** Pools the runs of one setting (the same q and z). */
export function poolDoubleSpend(reports: readonly DoubleSpendReport[]): DoubleSpendColumns {
  const first = reports[0]
  if (!first) throw new Error('poolDoubleSpend needs at least one report')
  const trials = reports.reduce((a, r) => a + r.trials, 0)
  const undecided = reports.reduce((a, r) => a + r.undecided, 0)
  const successes = reports.reduce((a, r) => a + r.successes, 0)
  const decided = trials - undecided
  return {
    trials,
    undecided,
    successes,
    published: reports.reduce((a, r) => a + r.published, 0),
    successRate: decided > 0 ? successes / decided : 0,
    ci95: wilsonInterval(successes, decided),
    predicted: first.predicted,
    nakamoto: first.nakamoto,
  }
}

/** A point of the theory's curves: the lab rule's exact chance and Nakamoto's. */
export interface SuccessPoint {
  readonly x: number
  readonly predicted: number
  readonly nakamoto: number
}

/**
 * The curves a double-spend sweep is charted against, drawn densely rather than only at the
 * measured points: over q from `from` to `to` at z confirmations, or over whole z at q.
 */
export function successCurve(
  over: 'q' | 'z',
  fixed: number,
  from: number,
  to: number,
): SuccessPoint[] {
  const xs =
    over === 'q'
      ? Array.from({ length: 41 }, (_, i) => from + ((to - from) * i) / 40)
      : Array.from({ length: Math.max(0, to - from) + 1 }, (_, i) => from + i)
  return xs.map((x) => {
    const [q, z] = over === 'q' ? [x, fixed] : [fixed, x]
    return { x, predicted: doubleSpendSuccess(q, z), nakamoto: nakamotoSuccess(q, z) }
  })
}
