import { describe, expect, it } from 'vitest'
import { forceLayout } from '../../../src/renderer/src/network/force-layout'
import { circleLayout } from '../../../src/renderer/src/network/layout'

/** Two rings of 20 nodes joined by one bridge, seeded on one circle with the rings interleaved. */
function twoRings() {
  const ids = Array.from({ length: 40 }, (_, i) => `node${i + 1}`)
  const pairs: number[] = []
  for (let i = 0; i < 20; i++) pairs.push(2 * i, (2 * i + 2) % 40)
  for (let i = 0; i < 20; i++) pairs.push(2 * i + 1, (2 * i + 3) % 40)
  pairs.push(0, 1)
  const circle = circleLayout(ids, 1000)
  const seed = new Float32Array(
    ids.flatMap((id) => [circle.get(id)?.x ?? 0, circle.get(id)?.y ?? 0]),
  )
  return { ids, links: new Uint32Array(pairs), seed }
}

const distance = (p: Float32Array, a: number, b: number) =>
  Math.hypot(
    (p[2 * a] as number) - (p[2 * b] as number),
    (p[2 * a + 1] as number) - (p[2 * b + 1] as number),
  )

function meanDistance(p: Float32Array, pairs: [number, number][]) {
  return pairs.reduce((sum, [a, b]) => sum + distance(p, a, b), 0) / pairs.length
}

describe('the force layout (run once per topology, in a worker)', () => {
  it('pulls each ring together and the two rings apart', () => {
    const request = twoRings()
    const at = forceLayout(request)
    const even = Array.from({ length: 20 }, (_, i) => 2 * i)
    const odd = even.map((i) => i + 1)
    const within: [number, number][] = even.slice(1).map((e) => [0, e])
    const across: [number, number][] = odd.map((o) => [0, o])
    expect(meanDistance(at, within)).toBeLessThan(meanDistance(at, across))
    // On the seed circle the rings were interleaved: the same distances either way.
    expect(meanDistance(request.seed, within) / meanDistance(request.seed, across)).toBeCloseTo(
      1,
      0,
    )
  })

  it('gives the same positions for the same topology', () => {
    expect(forceLayout(twoRings(), 50)).toEqual(forceLayout(twoRings(), 50))
  })
})
