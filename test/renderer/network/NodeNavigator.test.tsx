// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LinkSummary, NodeSummary } from '../../../src/shared/api-types'
import { NodeNavigator } from '../../../src/renderer/src/network/NodeNavigator'
import { createNodeSummary } from '../../support/network-fixtures'

const node = (id: string, status: NodeSummary['status'] = 'idle', height = 1) =>
  createNodeSummary(id, { status, height })

const three = [node('node1', 'mining', 4), node('node2', 'receiving-tx', 3), node('node3')]
const links: LinkSummary[] = [
  { a: 'node1', b: 'node2', up: true, latency: 1 },
  { a: 'node3', b: 'node1', up: false, latency: 1 },
]

const listbox = () => screen.getByRole('listbox')
const activeName = () => {
  const id = listbox().getAttribute('aria-activedescendant') ?? ''
  return document.getElementById(id)?.getAttribute('aria-label')
}
const key = (k: string, init: Partial<KeyboardEventInit> = {}) =>
  fireEvent.keyDown(document.activeElement ?? listbox(), { key: k, ...init })

describe("the graph's nodes by keyboard", () => {
  afterEach(cleanup)

  it('is one tab stop naming each node by id, status in words and height', () => {
    render(<NodeNavigator nodes={three} links={links} selected={null} />)
    expect(listbox().tabIndex).toBe(0)
    expect(screen.getAllByRole('option').map((o) => o.getAttribute('aria-label'))).toEqual([
      'node1, mining, height 4',
      'node2, receiving a transaction, height 3',
      'node3, idle, height 1',
    ])
    expect(screen.getAllByRole('option').every((o) => o.tabIndex < 0)).toBe(true)
  })

  it('moves with the arrow keys, Home and End, and selects with Enter', () => {
    const onSelect = vi.fn()
    render(<NodeNavigator nodes={three} links={links} selected={null} onSelect={onSelect} />)
    listbox().focus()
    expect(activeName()).toBe('node1, mining, height 4')
    key('ArrowDown')
    expect(activeName()).toContain('node2')
    key('ArrowRight')
    key('ArrowRight')
    expect(activeName()).toContain('node3')
    key('ArrowUp')
    expect(activeName()).toContain('node2')
    key('End')
    expect(activeName()).toContain('node3')
    key('Home')
    expect(activeName()).toContain('node1')
    key('ArrowDown')
    key('Enter')
    expect(onSelect).toHaveBeenCalledWith('node2')
  })

  it("keeps the live view's keys (space plays, → steps) from hearing its keys", () => {
    const heard = vi.fn()
    window.addEventListener('keydown', heard)
    render(<NodeNavigator nodes={three} links={links} selected={null} onSelect={() => {}} />)
    listbox().focus()
    key('ArrowRight')
    key(' ')
    window.removeEventListener('keydown', heard)
    expect(heard).not.toHaveBeenCalled()
  })

  it('follows a selection made elsewhere', () => {
    const { rerender } = render(<NodeNavigator nodes={three} links={links} selected={null} />)
    rerender(<NodeNavigator nodes={three} links={links} selected="node3" />)
    expect(activeName()).toContain('node3')
  })

  it('offers mine, send and cut/heal of its links on Shift+F10 or the context-menu key', () => {
    const onMine = vi.fn()
    const onSend = vi.fn()
    const onLink = vi.fn()
    render(
      <NodeNavigator
        nodes={three}
        links={links}
        selected={null}
        onMine={onMine}
        onSend={onSend}
        onLink={onLink}
      />,
    )
    listbox().focus()
    key('F10', { shiftKey: true })
    const menu = screen.getByRole('menu', { name: 'Actions on node1' })
    expect([...menu.querySelectorAll('[role="menuitem"]')].map((m) => m.textContent)).toEqual([
      'Mine on node1',
      'Send a transaction to node1…',
      'Cut the link node1 — node2',
      'Heal the link node1 — node3',
    ])
    expect(document.activeElement?.textContent).toBe('Mine on node1')
    key('ArrowDown')
    key('ArrowDown')
    key('ArrowDown')
    expect(document.activeElement?.textContent).toBe('Heal the link node1 — node3')
    fireEvent.click(document.activeElement as HTMLElement)
    expect(onLink).toHaveBeenCalledWith({ a: 'node1', b: 'node3', up: false, latency: 1 })
    expect(screen.queryByRole('menu')).toBeNull()
    expect(document.activeElement).toBe(listbox())

    key('ArrowDown')
    key('ContextMenu')
    fireEvent.click(screen.getByRole('menuitem', { name: 'Mine on node2' }))
    expect(onMine).toHaveBeenCalledWith('node2')
    key('ContextMenu')
    fireEvent.click(screen.getByRole('menuitem', { name: 'Send a transaction to node2…' }))
    expect(onSend).toHaveBeenCalledWith('node2')
  })

  it('closes the menu on Escape, back on the node', () => {
    render(<NodeNavigator nodes={three} links={links} selected={null} onMine={() => {}} />)
    listbox().focus()
    key('ContextMenu')
    key('Escape')
    expect(screen.queryByRole('menu')).toBeNull()
    expect(document.activeElement).toBe(listbox())
  })

  it('renders only the nodes around the active one of a large network, each saying its place', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => node(`node${i + 1}`))
    render(<NodeNavigator nodes={many} links={[]} selected="node5000" />)
    const options = screen.getAllByRole('option')
    expect(options.length).toBeLessThanOrEqual(11)
    const active = document.getElementById(listbox().getAttribute('aria-activedescendant') ?? '')
    expect(active?.getAttribute('aria-posinset')).toBe('5000')
    expect(active?.getAttribute('aria-setsize')).toBe('10000')
    listbox().focus()
    key('PageDown')
    expect(activeName()).toContain('node5010')
  })
})
