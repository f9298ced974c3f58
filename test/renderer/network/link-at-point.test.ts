import { describe, expect, it } from 'vitest'
import type { LinkSummary } from '../../../src/shared/api-types'
import { linkAtPoint } from '../../../src/renderer/src/network/link-at-point'

const link = (a: string, b: string): LinkSummary => ({ a, b, up: true, latency: 0 })

/** Three nodes drawn as a triangle, and a fourth far off with a link to node1. */
const drawn: Record<string, { x: number; y: number }> = {
  node1: { x: 100, y: 100 },
  node2: { x: 300, y: 100 },
  node3: { x: 200, y: 300 },
  node4: { x: 900, y: 900 },
}
const drawnAt = (id: string) => drawn[id] ?? null
const links = [link('node1', 'node2'), link('node1', 'node3'), link('node2', 'node3')]

describe('which link a click on the graph means', () => {
  it('is each link clicked on the middle of its line, whichever order it was drawn in', () => {
    for (const l of [...links, ...[...links].reverse()]) {
      const a = drawn[l.a]!
      const b = drawn[l.b]!
      expect(linkAtPoint({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, links, drawnAt)).toBe(l)
    }
  })

  it('is the nearest link within a few pixels, and none further off', () => {
    expect(linkAtPoint({ x: 200, y: 104 }, links, drawnAt)).toBe(links[0])
    expect(linkAtPoint({ x: 200, y: 120 }, links, drawnAt)).toBeNull()
    // Beyond the end of a line is not on it.
    expect(linkAtPoint({ x: 320, y: 100 }, [links[0]!], drawnAt)).toBeNull()
  })

  it('skips a link whose node is not drawn', () => {
    expect(linkAtPoint({ x: 150, y: 150 }, [link('node1', 'node9')], drawnAt)).toBeNull()
  })
})
