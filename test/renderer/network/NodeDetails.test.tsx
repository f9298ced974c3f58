// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
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
})
