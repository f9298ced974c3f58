/** A seeded pseudo-random source: the engine never calls Math.random, so runs replay exactly. */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [0, bound). */
  int(bound: number): number
  /** The generator's state, to resume it from a checkpoint. */
  state(): RandomState
}

export type RandomState = readonly [number, number, number, number]

/** Mixes numbers into one 32-bit seed, so each node and purpose gets a stream of its own. */
export function mixSeed(...parts: readonly number[]): number {
  let h = 0x811c9dc5
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x01000193) >>> 0
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> 0
  }
  return h >>> 0
}

/**
 * The clock of the next success of a trial made once per clock with chance `p`, after `clock`
 * (Infinity when p is 0). Drawn at once from the geometric distribution, so a node knows when it
 * will next act; workers use that to run far ahead.
 */
export function nextSuccess(random: Random, clock: number, p: number): number {
  if (p <= 0) return Infinity
  if (p >= 1) return clock + 1
  return clock + 1 + Math.floor(Math.log(1 - random.next()) / Math.log(1 - p))
}

/** sfc32 seeded through splitmix32: fast, small state, and good enough for topologies and workloads. */
export function createRandom(seed: number, resume?: RandomState): Random {
  let s = seed >>> 0
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
  let a = splitmix()
  let b = splitmix()
  let c = splitmix()
  let d = splitmix()
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t / 4294967296
  }
  if (resume) [a, b, c, d] = resume
  else for (let i = 0; i < 12; i++) next()
  return { next, int: (bound) => Math.floor(next() * bound), state: () => [a, b, c, d] }
}
