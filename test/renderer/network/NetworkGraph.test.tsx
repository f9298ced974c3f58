// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LinkSummary } from '../../../src/shared/api-types'
import { NetworkGraph } from '../../../src/renderer/src/network/NetworkGraph'
import { createNodeSummary } from '../../support/network-fixtures'

// The drawing itself needs WebGL, which happy-dom lacks: the browser tests (test/e2e) click
// nodes and read statuses off the drawn graph; graph-model.test.ts tests what is drawn.

const nodes = Array.from({ length: 30 }, (_, i) => createNodeSummary(`node${i + 1}`))
const links: LinkSummary[] = [{ a: 'node1', b: 'node2', up: true, latency: 0 }]

describe('the network graph', () => {
  afterEach(cleanup)

  it('says what it shows, with zoom, fit and find controls', () => {
    render(<NetworkGraph nodes={nodes} links={links} selected={null} />)
    expect(screen.getByRole('img', { name: 'Network of 30 nodes' })).toBeTruthy()
    for (const name of ['Zoom in', 'Zoom out', 'Fit', 'Find'])
      expect(screen.getByRole('button', { name })).toBeTruthy()
  })

  it('finds a node by name or number and selects it', () => {
    const onSelect = vi.fn()
    render(<NetworkGraph nodes={nodes} links={links} selected={null} onSelect={onSelect} />)
    fireEvent.change(screen.getByLabelText('find a node'), { target: { value: '27' } })
    fireEvent.click(screen.getByRole('button', { name: 'Find' }))
    expect(onSelect).toHaveBeenCalledWith('node27')
    fireEvent.change(screen.getByLabelText('find a node'), { target: { value: 'node2' } })
    fireEvent.click(screen.getByRole('button', { name: 'Find' }))
    expect(onSelect).toHaveBeenLastCalledWith('node2')
  })

  it('says so when no node has the name', () => {
    const onSelect = vi.fn()
    render(<NetworkGraph nodes={nodes} links={links} selected={null} onSelect={onSelect} />)
    fireEvent.change(screen.getByLabelText('find a node'), { target: { value: 'miner' } })
    fireEvent.click(screen.getByRole('button', { name: 'Find' }))
    expect(screen.getByRole('alert').textContent).toContain('No node named “miner”')
    expect(onSelect).not.toHaveBeenCalled()
  })
})
