import { describe, expect, it } from 'vitest'
import {
  flatten,
  flattenKept,
  type FlatRow,
  type Row,
} from '../../../src/renderer/src/charts/chart-parts'

const row = (clock: number, height: number): Row => ({
  clock,
  heights: { node1: height },
  pools: { node1: 0 },
  messages: { NEW_BLOCK: clock },
  forks: 0,
  reorgs: 0,
  reorgDepth: 0,
})

describe('flattening chart rows', () => {
  it('flattens a row once: a row kept from the frame before gives the columns made then', () => {
    const kept = new WeakMap<Row, FlatRow>()
    const rows = [row(1, 0), row(2, 1)]
    const first = flattenKept(rows, ['node1'], false, 1, kept)
    expect(first).toEqual(rows.map((r) => flatten(r, ['node1'], false, 1)))
    const next = [rows[1]!, row(3, 1)]
    const second = flattenKept(next, ['node1'], false, 1, kept)
    expect(second[0]).toBe(first[1])
    expect(second[1]).toEqual(flatten(next[1]!, ['node1'], false, 1))
    expect(second[1]?.['h:node1']).toBe(1)
  })
})
