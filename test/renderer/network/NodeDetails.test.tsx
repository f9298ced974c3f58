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

  it("shows an attacker's strategy, where it stands and its private lead; nothing of it for an honest node", () => {
    const attacker = createNodeSnapshot('node1', {
      attack: {
        strategy: 'selfish',
        phase: 'ahead',
        privateHeight: 3,
        publicHeight: 1,
        lead: 2,
        withheld: ['aa'.repeat(32), 'bb'.repeat(32)],
      },
    })
    render(<NodeDetails node={attacker} />)
    const facts = screen.getByRole('region', { name: "node1's attack" })
    expect(facts.textContent).toContain('selfish mining (Eyal & Sirer, Algorithm 1)')
    expect(screen.getByTestId('private-lead').textContent).toBe(
      '+2 (private chain #3 over the public tip #1)',
    )
    expect(screen.getByTestId('attack-state').textContent).toMatch(
      /^ahead of the public chain: it withholds 2 blocks/,
    )
    expect(facts.textContent).toContain('aaaaaaaa, bbbbbbbb')
    cleanup()
    render(<NodeDetails node={node} />)
    expect(screen.queryByRole('region', { name: "node1's attack" })).toBeNull()
  })

  it('says a double spender behind the public chain is behind, and one without a branch has none', () => {
    const racing = createNodeSnapshot('node1', {
      attack: {
        strategy: 'double-spend',
        phase: 'delivered',
        privateHeight: 1,
        publicHeight: 2,
        lead: -1,
        withheld: ['cc'.repeat(32)],
      },
    })
    render(<NodeDetails node={racing} />)
    expect(screen.getByTestId('private-lead').textContent).toBe(
      '-1 (private chain #1 over the public tip #2)',
    )
    expect(screen.getByTestId('attack-state').textContent).toMatch(/^the merchant has delivered/)
    cleanup()
    const waiting = createNodeSnapshot('node1', {
      attack: {
        strategy: 'double-spend',
        phase: 'waiting',
        privateHeight: null,
        publicHeight: 0,
        lead: 0,
        withheld: [],
      },
    })
    render(<NodeDetails node={waiting} />)
    expect(screen.getByTestId('private-lead').textContent).toBe('none (public tip #0)')
  })
})
