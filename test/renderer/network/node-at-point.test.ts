import { describe, expect, it } from 'vitest'
import { nodeAtPoint } from '../../../src/renderer/src/network/node-at-point'

const drawn = (list: [string, number, number, number?][]) =>
  list.map(([id, x, y, radius = 1]) => ({ id, at: { x, y }, radius }))

describe('which node a click on a large graph means', () => {
  it('is the node under the pointer, or the nearest of those within a few pixels', () => {
    const nodes = drawn([
      ['node1', 100, 100],
      ['node2', 104, 100],
      ['node3', 300, 300],
    ])
    expect(nodeAtPoint({ x: 100, y: 100 }, nodes)).toBe('node1')
    expect(nodeAtPoint({ x: 103, y: 101 }, nodes)).toBe('node2')
    expect(nodeAtPoint({ x: 305, y: 303 }, nodes)).toBe('node3')
  })

  it('is none on the background', () => {
    expect(nodeAtPoint({ x: 200, y: 200 }, drawn([['node1', 100, 100]]))).toBeNull()
    expect(nodeAtPoint({ x: 107, y: 100 }, drawn([['node1', 100, 100]]))).toBeNull()
  })

  it('takes a node drawn larger than the tolerance by its whole disc', () => {
    expect(nodeAtPoint({ x: 115, y: 100 }, drawn([['node1', 100, 100, 20]]))).toBe('node1')
  })
})
