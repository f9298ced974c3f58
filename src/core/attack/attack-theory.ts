import { GIVE_UP_BEHIND } from './double-spend-race'

/**
 * The analytic results the lab's attacks are measured against: Eyal and Sirer's selfish-mining
 * revenue and threshold, the exact success probability of a double spend under the lab's rule,
 * and Nakamoto's approximation of it (whitepaper, section 11).
 */

/**
 * Eyal & Sirer (2014), "Majority is not enough", eq. (8): the selfish pool's share of main-chain
 * blocks with hash share α when a share γ of honest miners build on its branch during a tie.
 */
export function selfishRevenue(alpha: number, gamma: number): number {
  const a = alpha
  return (a * (1 - a) ** 2 * (4 * a + gamma * (1 - 2 * a)) - a ** 3) / (1 - a * (1 + (2 - a) * a))
}

/** The hash share above which selfish mining pays more than honest mining: (1 − γ) / (3 − 2γ). */
export function selfishThreshold(gamma: number): number {
  return (1 - gamma) / (3 - 2 * gamma)
}

/** C(n, k) as a float; exact for the small arguments the formulas use. */
function binomial(n: number, k: number): number {
  let c = 1
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i
  return c
}

/**
 * The exact chance that a double spend succeeds under the lab's rule (double-spend-race.ts): the
 * merchant delivers once its payment has z confirmations; from then on the attacker (hash share
 * q, p = 1 − q) needs a branch strictly longer than the public chain (first-seen ties), and it
 * gives up `giveUp` blocks behind, before delivery or after. Without the give-up this is
 * 1 − Σ_{m=0..z} C(m + z − 1, m) p^z q^m (1 − (q/p)^(z−m+1)) (m: the attacker's blocks when the
 * honest network mines its z-th; gambler's ruin for the z − m + 1 it must then gain; Rosenfeld
 * 2014 gives the catch-up variant, exponent z − m). The give-up turns the ruin into a walk
 * between two walls, which matters near q = 1/2: there an attacker that gives up 20 behind does
 * not always win, as the unbounded sum says it does.
 */
export function doubleSpendSuccess(q: number, z: number, giveUp: number = GIVE_UP_BEHIND): number {
  const p = 1 - q
  if (q <= 0) return 0
  if (p <= 0) return 1
  // mass[m]: the chance that the attacker has m blocks (m ≤ z) when the honest network has mined
  // h, and has not given up. With z + 1 blocks before the z-th honest one it has won.
  let mass = [1, ...new Array<number>(z).fill(0)]
  let success = 0
  for (let h = 0; h < z; h++) {
    const next = new Array<number>(z + 1).fill(0)
    for (let m = 0; m <= z; m++) {
      const start = mass[m] ?? 0
      if (start === 0) continue
      // k more blocks of its own before the next honest one: q^k p.
      for (let k = 0; m + k <= z; k++) next[m + k] = (next[m + k] ?? 0) + start * q ** k * p
      success += start * q ** (z + 1 - m)
    }
    // The honest block leaves it h + 1 − m behind: at giveUp it drops its branch.
    for (let m = 0; m <= z; m++) if (h + 1 - m >= giveUp) next[m] = 0
    mass = next
  }
  for (let m = 0; m <= z; m++) success += (mass[m] ?? 0) * overtake(q, z - m, giveUp)
  return Math.min(1, success)
}

/**
 * The chance that a walk d behind (each block: one closer with chance q, one further with p)
 * reaches one ahead before `giveUp` behind: (1 − ρ^i) / (1 − ρ^N), ρ = p/q, i = giveUp − d,
 * N = giveUp + 1 (i/N when ρ = 1); with no wall, (q/p)^(d+1) for q < p and 1 otherwise.
 */
function overtake(q: number, d: number, giveUp: number): number {
  const p = 1 - q
  if (d >= giveUp) return 0
  const i = giveUp - d
  const n = giveUp + 1
  if (p === q) return Number.isFinite(giveUp) ? i / n : 1
  const rho = p / q
  // Written in powers of ρ below 1 only, so that neither term overflows for a small q.
  if (rho > 1) return rho ** -(d + 1) * ((1 - rho ** -i) / (1 - rho ** -n))
  return (1 - rho ** i) / (1 - rho ** n)
}

/**
 * Nakamoto's section 11 value: the attacker's progress as Poisson with mean λ = z q / p, and a
 * deficit of z − k to catch up with (not to overtake).
 */
export function nakamotoSuccess(q: number, z: number): number {
  const p = 1 - q
  if (q >= p) return 1
  const lambda = (z * q) / p
  let sum = 1
  let poisson = Math.exp(-lambda)
  for (let k = 0; k <= z; k++) {
    if (k > 0) poisson *= lambda / k
    sum -= poisson * (1 - (q / p) ** (z - k))
  }
  return sum
}

/**
 * A 95 % Wilson score interval for a success rate (another level with its normal quantile z): unlike the normal approximation it stays inside
 * [0, 1] and is honest when successes are few, as they are at small q and large z.
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  z = 1.959964,
): readonly [number, number] {
  if (trials === 0) return [0, 1]
  const phat = successes / trials
  const denom = 1 + (z * z) / trials
  const centre = (phat + (z * z) / (2 * trials)) / denom
  const half =
    (z * Math.sqrt((phat * (1 - phat)) / trials + (z * z) / (4 * trials * trials))) / denom
  return [Math.max(0, centre - half), Math.min(1, centre + half)]
}

/**
 * The chance that a double spend against an eclipsed merchant succeeds when the eclipse ends as
 * the merchant delivers. The eclipsed branch (the attackers' blocks and the victim's own, share r)
 * holds the payment; the rest of the network (1 − r) mines the conflicting one. When the victim
 * has z confirmations, the network has mined K blocks, K negative binomial: C(k + z − 1, k) r^z
 * (1 − r)^k. The links heal: the longer chain wins at once, and at a tie (K = z) each side keeps
 * its own until the next block, the network's with chance 1 − r. So
 * P = P(K > z) + P(K = z)(1 − r).
 */
export function eclipseSuccess(r: number, z: number): number {
  let atMost = 0
  let atZ = 0
  for (let k = 0; k <= z; k++) {
    const pk = binomial(k + z - 1, k) * r ** z * (1 - r) ** k
    atMost += pk
    if (k === z) atZ = pk
  }
  return 1 - atMost + atZ * (1 - r)
}

/**
 * The chance that a χ² variable with an even number of degrees of freedom exceeds x:
 * e^(−x/2) Σ_{i < dof/2} (x/2)^i / i!. Judges a grid of cells as one: Σ (s − n p)² / (n p (1 − p))
 * over cells with independent trials is χ² with one degree per cell when the predictions hold.
 */
export function chiSquareTail(x: number, dof: number): number {
  if (dof % 2 !== 0 || dof < 2) throw new Error('chiSquareTail takes an even number of degrees')
  let term = Math.exp(-x / 2)
  let sum = term
  for (let i = 1; i < dof / 2; i++) {
    term *= x / 2 / i
    sum += term
  }
  return Math.min(1, sum)
}
