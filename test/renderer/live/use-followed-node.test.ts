// @vitest-environment happy-dom
import { act, cleanup, render, renderHook, waitFor } from '@testing-library/react'
import { createElement, useLayoutEffect } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LinkSummary, NodeSummary } from '../../../src/shared/api-types'
import type { LabClient } from '../../../src/shared/lab-bridge'
import { useFollowedNode } from '../../../src/renderer/src/live/use-followed-node'
import { createNodeSnapshot, createNodeSummary } from '../../support/network-fixtures'

/** A client that answers at once and counts what it was asked. */
function countingClient() {
  const getNode = vi.fn(async ({ node }: { node: string }) => createNodeSnapshot(node))
  const getBlockTree = vi.fn(async () => [])
  return { client: { getNode, getBlockTree } as unknown as LabClient, getNode, getBlockTree }
}

const onError = () => undefined
const links: LinkSummary[] = [
  { a: 'node1', b: 'node2', up: true, latency: 0 },
  { a: 'node1', b: 'node3', up: true, latency: 0 },
]
const follow = (client: LabClient, summary: NodeSummary | undefined, around = links) =>
  renderHook(({ summary, around }) => useFollowedNode(client, 'node2', summary, around, onError), {
    initialProps: { summary, around },
  })
/** Longer than the hook's gap between requests, so a second request would have been made. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 400))

describe('the followed node', () => {
  afterEach(cleanup)

  it('is asked for once when picked: its details and its tree', async () => {
    const { client, getNode, getBlockTree } = countingClient()
    const { result } = follow(client, createNodeSummary('node2'))
    await waitFor(() => expect(result.current.node?.id).toBe('node2'))
    await settle()
    expect(getNode).toHaveBeenCalledTimes(1)
    expect(getBlockTree).toHaveBeenCalledTimes(1)
  })

  it('is asked for before the frame that shows the click is painted', async () => {
    // Layout effects run in order before the browser paints; passive effects run after it. A
    // layout effect declared after the hook sees the request only if it left in that same pass.
    const { client, getNode } = countingClient()
    const askedBeforePaint: boolean[] = []
    function Picked() {
      useFollowedNode(client, 'node2', createNodeSummary('node2'), links, onError)
      useLayoutEffect(() => {
        askedBeforePaint.push(getNode.mock.calls.length > 0)
      }, [])
      return null
    }
    render(createElement(Picked))
    await waitFor(() => expect(getNode).toHaveBeenCalledTimes(1))
    expect(askedBeforePaint).toEqual([true])
  })

  it('waits for its summary on a page just opened, then asks once', async () => {
    const { client, getNode, getBlockTree } = countingClient()
    const { result, rerender } = follow(client, undefined)
    await settle()
    expect(getNode).not.toHaveBeenCalled()
    rerender({ summary: createNodeSummary('node2'), around: links })
    await waitFor(() => expect(result.current.node?.id).toBe('node2'))
    await settle()
    expect(getNode).toHaveBeenCalledTimes(1)
    expect(getBlockTree).toHaveBeenCalledTimes(1)
  })

  it('is asked again when its summary changes, its tree only when its chain moved', async () => {
    const { client, getNode, getBlockTree } = countingClient()
    const { rerender } = follow(client, createNodeSummary('node2'))
    await waitFor(() => expect(getBlockTree).toHaveBeenCalledTimes(1))
    rerender({ summary: createNodeSummary('node2', { pool: 3 }), around: links })
    await waitFor(() => expect(getNode).toHaveBeenCalledTimes(2))
    await settle()
    expect(getBlockTree).toHaveBeenCalledTimes(1)
    rerender({
      summary: createNodeSummary('node2', { pool: 3, height: 2, tip: 'cd'.repeat(32) }),
      around: links,
    })
    await waitFor(() => expect(getBlockTree).toHaveBeenCalledTimes(2))
    await settle()
    expect(getNode).toHaveBeenCalledTimes(3)
  })

  it('is asked again when one of its links is cut or healed, though no clock passed', async () => {
    // Cut from its card while paused: its peers said "up" until the next clock.
    const { client, getNode, getBlockTree } = countingClient()
    const summary = createNodeSummary('node2')
    const { rerender } = follow(client, summary)
    await waitFor(() => expect(getNode).toHaveBeenCalledTimes(1))
    rerender({ summary, around: [{ ...links[0]!, up: false }, links[1]!] })
    await waitFor(() => expect(getNode).toHaveBeenCalledTimes(2))
    // A link that is not the node's changes nothing it shows.
    rerender({
      summary,
      around: [
        { ...links[0]!, up: false },
        { ...links[1]!, up: false },
      ],
    })
    await settle()
    expect(getNode).toHaveBeenCalledTimes(2)
    expect(getBlockTree).toHaveBeenCalledTimes(1)
  })

  it('pressed before it is clicked, is asked for once: the click takes the press', async () => {
    const { client, getNode, getBlockTree } = countingClient()
    const { result, rerender } = renderHook(
      ({ id }) => useFollowedNode(client, id, createNodeSummary(id), links, onError),
      { initialProps: { id: 'node1' } },
    )
    await waitFor(() => expect(getNode).toHaveBeenCalledTimes(1))
    result.current.press(createNodeSummary('node2'))
    expect(getNode).toHaveBeenCalledTimes(2)
    rerender({ id: 'node2' })
    await waitFor(() => expect(result.current.node?.id).toBe('node2'))
    await settle()
    expect(getNode).toHaveBeenCalledTimes(2)
    expect(getBlockTree).toHaveBeenCalledTimes(2)
    // Pressing the node already followed asks nothing.
    result.current.press(createNodeSummary('node2'))
    expect(getNode).toHaveBeenCalledTimes(2)
  })

  it("shows an action's answer only for the node still followed", async () => {
    // Mine on node1, then node2 picked before node1's answer came: node2's card stays.
    const { client, getNode } = countingClient()
    const { result, rerender } = renderHook(
      ({ id }) => useFollowedNode(client, id, createNodeSummary(id), links, onError),
      { initialProps: { id: 'node1' } },
    )
    await waitFor(() => expect(result.current.node?.id).toBe('node1'))
    const showOnNode1 = result.current.show
    rerender({ id: 'node2' })
    await waitFor(() => expect(result.current.node?.id).toBe('node2'))
    act(() => showOnNode1(createNodeSnapshot('node1', { queued: 1 })))
    await settle()
    expect(result.current.node?.id).toBe('node2')
    expect(getNode).toHaveBeenCalledTimes(2)
  })

  it("keeps an action's answer over an older one still on its way", async () => {
    let answer: (() => void) | null = null
    const getNode = vi.fn(
      ({ node }: { node: string }) =>
        new Promise((resolve) => (answer = () => resolve(createNodeSnapshot(node)))),
    )
    const client = { getNode, getBlockTree: async () => [] } as unknown as LabClient
    const { result } = follow(client, createNodeSummary('node2'))
    await waitFor(() => expect(getNode).toHaveBeenCalledTimes(1))
    act(() => result.current.show(createNodeSnapshot('node2', { queued: 7 })))
    await act(async () => {
      answer?.()
      await settle()
    })
    expect(result.current.node?.queued).toBe(7)
  })
})
