// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LinkSummary, NodeSummary } from '../../../src/shared/api-types'
import { NetworkGraph } from '../../../src/renderer/src/network/NetworkGraph'

const node = (id: string, status: NodeSummary['status']): NodeSummary => ({
  id,
  port: null,
  started: true,
  clock: 8,
  status,
  height: 1,
  tip: 'ab'.repeat(32),
  pool: 0,
})

const nodes = [
  node('node1', 'broadcasting-block'),
  node('node2', 'receiving-block'),
  node('node3', 'idle'),
]
const links: LinkSummary[] = [
  { a: 'node1', b: 'node2', up: true, latency: 0 },
  { a: 'node2', b: 'node3', up: false, latency: 0 },
]

describe('the network graph', () => {
  afterEach(cleanup)

  it('draws every node with its status and clock', () => {
    const { container } = render(<NetworkGraph nodes={nodes} links={links} selected={null} />)
    const drawn = [...container.querySelectorAll('g.node')].map((g) =>
      g.getAttribute('data-status'),
    )
    expect(drawn).toEqual(['broadcasting-block', 'receiving-block', 'idle'])
    expect(screen.getAllByText('t8')).toHaveLength(3)
    expect(screen.getAllByText('h1')).toHaveLength(3)
  })

  it('draws a cut link as cut and reports clicks on nodes and links', () => {
    const onSelect = vi.fn()
    const onLink = vi.fn()
    const { container } = render(
      <NetworkGraph
        nodes={nodes}
        links={links}
        selected="node2"
        onSelect={onSelect}
        onLink={onLink}
      />,
    )
    expect(container.querySelectorAll('line.link-cut')).toHaveLength(1)
    fireEvent.click(container.querySelector('g[data-node=node3]') as Element)
    expect(onSelect).toHaveBeenCalledWith('node3')
    fireEvent.click(container.querySelector('line.link-cut') as Element)
    expect(onLink).toHaveBeenCalledWith(links[1])
    expect(container.querySelector('g.selected')?.getAttribute('data-node')).toBe('node2')
  })
})
