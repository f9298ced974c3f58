// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { NodeSummary } from '../../../src/shared/api-types'
import { NodeDetails } from '../../../src/renderer/src/network/NodeDetails'
import { createNodeSnapshot } from '../../support/network-fixtures'

const node = createNodeSnapshot('node1', {
  clock: 4,
  peers: [
    { id: 'node2', up: true, latency: 0 },
    { id: 'node3', up: false, latency: 2 },
  ],
  balances: { aki: 10, so: 7, satoshi: 5 },
})

describe("a node's details", () => {
  afterEach(cleanup)

  it('cuts and heals its links from its peers, by keyboard as by pointer', async () => {
    const onLink = vi.fn()
    render(<NodeDetails node={node} onLink={onLink} />)
    await userEvent.click(screen.getByRole('button', { name: 'Cut the link node1 — node2' }))
    expect(onLink).toHaveBeenLastCalledWith({ a: 'node1', b: 'node2', up: true, latency: 0 })
    screen.getByRole('button', { name: 'Heal the link node1 — node3' }).focus()
    await userEvent.keyboard('{Enter}')
    expect(onLink).toHaveBeenLastCalledWith({ a: 'node1', b: 'node3', up: false, latency: 2 })
  })

  it('lists its peers as text where nothing can be changed (a replay)', () => {
    render(<NodeDetails node={node} />)
    expect(screen.queryAllByRole('button')).toHaveLength(0)
    expect(screen.getByText('node3').className).toBe('peer cut')
  })

  it("shows the overview's clock, status, height and tip at once, and the rest once the node answers", () => {
    const summary: NodeSummary = {
      id: 'node1',
      port: null,
      started: true,
      clock: 6,
      status: 'mining',
      height: 1,
      tip: 'cd'.repeat(32),
      pool: 0,
    }
    const { rerender } = render(<NodeDetails node={null} summary={summary} />)
    expect(screen.getByTestId('status-node1').textContent).toBe('mining')
    expect(screen.getByText('cdcdcdcdcdcd…')).toBeTruthy()
    expect(screen.getByRole('status').textContent).toMatch(/Asking node1 for its balances/)
    expect(screen.queryByText('Balances it sees')).toBeNull()
    // The node's answer may be a little older than the overview: the overview's facts stay.
    rerender(<NodeDetails node={node} summary={summary} />)
    expect(screen.getByTestId('status-node1').textContent).toBe('mining')
    expect(screen.getByText('Balances it sees')).toBeTruthy()
    expect(screen.queryByRole('status')).toBeNull()
  })
})
