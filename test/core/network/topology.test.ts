import { describe, expect, it } from 'vitest'
import { createEdges, isConnected } from '../../../src/core/network/topology'

const degrees = (n: number, edges: readonly (readonly [number, number])[]) => {
  const d = new Array<number>(n).fill(0)
  for (const [a, b] of edges) {
    d[a]!++
    d[b]!++
  }
  return d
}

describe('topologies', () => {
  it('links every pair in a full mesh', () => {
    expect(createEdges({ kind: 'mesh' }, 4, 1)).toHaveLength(6)
  })

  it('links neighbours in a line and closes the ring', () => {
    expect(createEdges({ kind: 'line' }, 4, 1)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ])
    expect(createEdges({ kind: 'ring' }, 4, 1)).toHaveLength(4)
  })

  it('links every node to the first in a star', () => {
    expect(degrees(5, createEdges({ kind: 'star' }, 5, 1))).toEqual([4, 1, 1, 1, 1])
  })

  it('draws a connected k-regular graph without self-links or duplicates', () => {
    const edges = createEdges({ kind: 'random', degree: 8 }, 1000, 7)
    expect(degrees(1000, edges).every((d) => d === 8)).toBe(true)
    expect(new Set(edges.map(([a, b]) => `${a}-${b}`)).size).toBe(edges.length)
    expect(edges.every(([a, b]) => a < b)).toBe(true)
    expect(isConnected(1000, edges)).toBe(true)
  })

  it('draws the same graph from the same seed and another from another seed', () => {
    const a = createEdges({ kind: 'random', degree: 3 }, 50, 1)
    expect(createEdges({ kind: 'random', degree: 3 }, 50, 1)).toEqual(a)
    expect(createEdges({ kind: 'random', degree: 3 }, 50, 2)).not.toEqual(a)
  })
})
