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
 * The exact chance that a double spend succeeds under the lab's rule: the merchant delivers once
 * its payment has z confirmations; the attacker (hash share q) has then mined m blocks with
 * probability C(m + z − 1, m) p^z q^m (negative binomial, p = 1 − q) and, with first-seen ties,
 * needs a branch strictly longer than the public chain: it is z − m + 1 blocks short, which a
 * random walk closes with probability (q/p)^(z−m+1) (gambler's ruin; 1 when q ≥ p). Rosenfeld
 * (2014) gives the same sum for an attacker who needs only to catch up (exponent z − m).
 */
export function doubleSpendSuccess(q: number, z: number): number {
  const p = 1 - q
  if (q >= p) return 1
  let fail = 0
  for (let m = 0; m <= z; m++)
    fail += binomial(m + z - 1, m) * p ** z * q ** m * (1 - (q / p) ** (z - m + 1))
  return 1 - fail
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
