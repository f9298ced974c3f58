// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import {
  flatten,
  flattenKept,
  tickLabel,
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

describe('axis tick labels', () => {
  afterEach(cleanup)

  it('are plain SVG text at the tick, shifted as recharts shifts its own: under an axis, beside one', () => {
    const { container } = render(
      <svg>
        {tickLabel({
          x: 10,
          y: 20,
          payload: { value: 351 },
          textAnchor: 'middle',
          verticalAnchor: 'start',
        })}
        {tickLabel({
          x: 40,
          y: 80,
          payload: { value: 12 },
          textAnchor: 'end',
          verticalAnchor: 'middle',
        })}
      </svg>,
    )
    const labels = [...container.querySelectorAll('text')].map((t) => ({
      text: t.textContent,
      x: t.getAttribute('x'),
      anchor: t.getAttribute('text-anchor'),
      dy: t.querySelector('tspan')?.getAttribute('dy'),
    }))
    expect(labels).toEqual([
      { text: '351', x: '10', anchor: 'middle', dy: '0.71em' },
      { text: '12', x: '40', anchor: 'end', dy: '0.355em' },
    ])
  })
})
