import { describe, expect, it } from 'vitest'
import { ChunkNumbering } from '../../../../src/main/recorder/columns/chunk-numbering'

describe("a chunk's numbering of the run's entries", () => {
  it('numbers entries in the order first met, the same entry always the same', () => {
    const numbering = new ChunkNumbering()
    expect([812, 3, 812, 0, 3, 5_000_000].map((i) => numbering.numberOf(i))).toEqual([
      0, 1, 0, 2, 1, 3,
    ])
    expect(numbering.runNumbers).toEqual([812, 3, 0, 5_000_000])
  })

  it('keeps every number as it grows past its first table, whatever the entries collide on', () => {
    const numbering = new ChunkNumbering()
    // Multiples of a power of two share their low bits: the table must not rely on them.
    const entries = Array.from({ length: 5_000 }, (_, i) =>
      i % 2 === 0 ? i * 4_096 : i * 4_096 + 3,
    )
    const first = entries.map((i) => numbering.numberOf(i))
    expect(first).toEqual(entries.map((_, n) => n))
    expect(entries.map((i) => numbering.numberOf(i))).toEqual(first)
    expect(numbering.runNumbers).toEqual(entries)
  })

  it('starts each chunk with nothing numbered', () => {
    const numbering = new ChunkNumbering()
    for (const i of [9, 8, 7]) numbering.numberOf(i)
    numbering.restart()
    expect(numbering.runNumbers).toEqual([])
    expect([7, 9].map((i) => numbering.numberOf(i))).toEqual([0, 1])
    expect(numbering.runNumbers).toEqual([7, 9])
  })
})
