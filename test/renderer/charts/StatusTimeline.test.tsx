// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { StatusTimeline } from '../../../src/renderer/src/charts/StatusTimeline'
import type { StatusSpan } from '../../../src/renderer/src/store/series'

const ids = (n: number) => Array.from({ length: n }, (_, i) => `node${i + 1}`)
const mining = (node: string, from: number, to: number): StatusSpan => ({
  node,
  status: 'mining',
  from,
  to,
})

describe('the status timeline', () => {
  afterEach(cleanup)

  it('gives each node of a small network a lane', () => {
    const { container } = render(
      <StatusTimeline nodes={ids(3)} spans={[mining('node2', 1, 4)]} from={0} to={9} />,
    )
    expect([...container.querySelectorAll('.lane-label')].map((t) => t.textContent)).toEqual([
      'node1',
      'node2',
      'node3',
    ])
    // One span (its letter's chip aside).
    expect(container.querySelectorAll('rect:not(.timeline-letter-chip)')).toHaveLength(1)
  })

  it('counts a large network’s nodes per status and gives lanes only to the picked nodes', () => {
    const spans = ids(40).map((id, i) => mining(id, i % 10, (i % 10) + 2))
    const { container } = render(
      <StatusTimeline nodes={ids(40)} spans={spans} from={0} to={19} picked={['node7']} />,
    )
    const summary = screen.getByRole('img', { name: 'Nodes per status per clock, of 40' })
    const bars = [...summary.querySelectorAll('rect[data-status=mining]')]
    // Clock 2: nodes starting at 0, 1 and 2 (four of each) are mining: 12 of 40.
    expect(bars[2]?.querySelector('title')?.textContent).toBe('mining: 12 of 40 nodes, clocks 2–2')
    const lanes = [...container.querySelectorAll('.lane-label')].map((t) => t.textContent)
    expect(lanes).toContain('node7')
    expect(lanes).not.toContain('node8')
  })

  it('marks each span wide enough with its status letter, as the legend does, not colour alone', () => {
    const spans: StatusSpan[] = [
      mining('node1', 0, 4),
      { node: 'node2', status: 'receiving-tx', from: 2, to: 6 },
      // One clock of 200: too narrow for a letter.
      { node: 'node3', status: 'broadcasting-block', from: 9, to: 9 },
    ]
    const { container } = render(<StatusTimeline nodes={ids(3)} spans={spans} from={0} to={199} />)
    const letters = [...container.querySelectorAll('.timeline-letter')]
    expect(letters.map((t) => [t.getAttribute('data-letter'), t.textContent])).toEqual([
      ['mining', 'M'],
      ['receiving-tx', 'RT'],
    ])
  })

  it('asks for nodes to be picked when none are', () => {
    render(<StatusTimeline nodes={ids(40)} spans={[]} from={0} to={9} />)
    expect(screen.getByText(/Click nodes in the graph to follow them here/)).toBeTruthy()
  })
})
