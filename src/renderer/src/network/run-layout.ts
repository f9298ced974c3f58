import type { LinkSummary } from '../../../shared/api-types'
import type { LayoutRequest } from './force-layout'

/** Layouts already computed, by topology: the live view and a replay of it share one. */
const computed = new Map<string, Promise<Float32Array | null>>()
let worker: Worker | null = null
let next = 0
const waiting = new Map<number, (positions: Float32Array | null) => void>()

function layoutWorker(): Worker | null {
  if (worker) return worker
  if (typeof Worker === 'undefined') return null
  try {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' })
  } catch {
    return null
  }
  worker.onmessage = (m: MessageEvent<{ id: number; positions: Float32Array }>) => {
    waiting.get(m.data.id)?.(m.data.positions)
    waiting.delete(m.data.id)
  }
  worker.onerror = () => {
    // No layout then: the seed positions stay, which still draws every node and link.
    for (const resolve of waiting.values()) resolve(null)
    waiting.clear()
  }
  return worker
}

/**
 * The force layout of a topology, computed once in a worker; null where workers are not
 * available (the seed positions are kept).
 */
export function layoutOf(
  key: string,
  ids: readonly string[],
  links: readonly LinkSummary[],
  seed: (id: string) => { x: number; y: number },
): Promise<Float32Array | null> {
  const known = computed.get(key)
  if (known) return known
  const index = new Map(ids.map((id, i) => [id, i]))
  const pairs = new Uint32Array(links.length * 2)
  links.forEach((l, i) => {
    pairs[2 * i] = index.get(l.a) ?? 0
    pairs[2 * i + 1] = index.get(l.b) ?? 0
  })
  const start = new Float32Array(ids.length * 2)
  ids.forEach((id, i) => {
    const at = seed(id)
    start[2 * i] = at.x
    start[2 * i + 1] = at.y
  })
  const request: LayoutRequest = { ids, links: pairs, seed: start }
  const w = layoutWorker()
  const promise = w
    ? new Promise<Float32Array | null>((resolve) => {
        const id = next++
        waiting.set(id, resolve)
        w.postMessage({ ...request, id })
      })
    : Promise.resolve(null)
  computed.set(key, promise)
  // Keep a few topologies, not every network ever made.
  if (computed.size > 8) computed.delete(computed.keys().next().value as string)
  return promise
}
