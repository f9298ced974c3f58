import type { Topology } from '../config'
import { EngineError } from '../errors'
import { createRandom } from '../random'

/** An undirected link between two nodes, by index. */
export type Edge = readonly [number, number]

/** The links of a topology over `n` nodes; random graphs are drawn from the seed. */
export function createEdges(topology: Topology, n: number, seed: number): Edge[] {
  switch (topology.kind) {
    case 'mesh': {
      const edges: Edge[] = []
      for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) edges.push([a, b])
      return edges
    }
    case 'line':
      return Array.from({ length: Math.max(0, n - 1) }, (_, i) => [i, i + 1] as const)
    case 'ring':
      if (n < 3) return createEdges({ kind: 'line' }, n, seed)
      return Array.from({ length: n }, (_, i) => [i, (i + 1) % n] as const).map(
        ([a, b]) => [Math.min(a, b), Math.max(a, b)] as const,
      )
    case 'star':
      return Array.from({ length: Math.max(0, n - 1) }, (_, i) => [0, i + 1] as const)
    case 'random':
      return randomRegular(n, topology.degree, seed)
    case 'scale-free':
      return scaleFree(n, topology.degree, seed)
  }
}

/**
 * A Barabási–Albert graph: a small mesh of m + 1 nodes, then each new node links to m distinct
 * nodes chosen with probability proportional to their degree. Connected by construction.
 */
function scaleFree(n: number, m: number, seed: number): Edge[] {
  const random = createRandom(seed)
  const edges: Edge[] = []
  const ends: number[] = []
  const core = Math.min(n, m + 1)
  for (let a = 0; a < core; a++)
    for (let b = a + 1; b < core; b++) {
      edges.push([a, b])
      ends.push(a, b)
    }
  for (let v = core; v < n; v++) {
    const targets = new Set<number>()
    while (targets.size < m) targets.add(ends[random.int(ends.length)] as number)
    for (const u of [...targets].sort((a, b) => a - b)) {
      edges.push([u, v])
      ends.push(u, v)
    }
  }
  return edges
}

/**
 * A connected random k-regular graph. Pairs free "stubs" of different, unlinked nodes at random
 * and restarts on a dead end (Steger and Wormald's method): plain rejection of whole pairings
 * almost never succeeds for k = 8 at a thousand nodes.
 */
function randomRegular(n: number, k: number, seed: number): Edge[] {
  const random = createRandom(seed)
  for (let attempt = 0; attempt < 100; attempt++) {
    const edges = tryRandomRegular(n, k, random.int)
    if (edges && isConnected(n, edges)) return edges
  }
  throw new EngineError('invalid-config', `topology: no connected random ${k}-regular graph found`)
}

function tryRandomRegular(n: number, k: number, int: (bound: number) => number): Edge[] | null {
  const stubs: number[] = []
  for (let v = 0; v < n; v++) for (let i = 0; i < k; i++) stubs.push(v)
  const linked = new Set<number>()
  const edges: Edge[] = []
  let failures = 0
  while (stubs.length > 0) {
    const i = int(stubs.length)
    const j = int(stubs.length)
    const a = stubs[i] as number
    const b = stubs[j] as number
    const key = Math.min(a, b) * n + Math.max(a, b)
    if (i === j || a === b || linked.has(key)) {
      if (++failures > 50 * stubs.length + 1000) return null
      continue
    }
    linked.add(key)
    edges.push([Math.min(a, b), Math.max(a, b)])
    for (const index of [Math.max(i, j), Math.min(i, j)]) {
      stubs[index] = stubs[stubs.length - 1] as number
      stubs.pop()
    }
  }
  return edges
}

export function isConnected(n: number, edges: readonly Edge[]): boolean {
  if (n === 0) return true
  const adjacent: number[][] = Array.from({ length: n }, () => [])
  for (const [a, b] of edges) {
    adjacent[a]?.push(b)
    adjacent[b]?.push(a)
  }
  const seen = new Uint8Array(n)
  const stack = [0]
  seen[0] = 1
  let count = 1
  while (stack.length > 0) {
    for (const next of adjacent[stack.pop() as number] ?? []) {
      if (!seen[next]) {
        seen[next] = 1
        count++
        stack.push(next)
      }
    }
  }
  return count === n
}
