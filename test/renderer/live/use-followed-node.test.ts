// @vitest-environment happy-dom
import { cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { NodeSummary } from '../../../src/shared/api-types'
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
const follow = (client: LabClient, summary: NodeSummary | undefined) =>
  renderHook(({ summary }) => useFollowedNode(client, 'node2', summary, onError), {
    initialProps: { summary },
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

  it('waits for its summary on a page just opened, then asks once', async () => {
    const { client, getNode, getBlockTree } = countingClient()
    const { result, rerender } = follow(client, undefined)
    await settle()
    expect(getNode).not.toHaveBeenCalled()
    rerender({ summary: createNodeSummary('node2') })
    await waitFor(() => expect(result.current.node?.id).toBe('node2'))
    await settle()
    expect(getNode).toHaveBeenCalledTimes(1)
    expect(getBlockTree).toHaveBeenCalledTimes(1)
  })

  it('is asked again when its summary changes, its tree only when its chain moved', async () => {
    const { client, getNode, getBlockTree } = countingClient()
    const { rerender } = follow(client, createNodeSummary('node2'))
    await waitFor(() => expect(getBlockTree).toHaveBeenCalledTimes(1))
    rerender({ summary: createNodeSummary('node2', { pool: 3 }) })
    await waitFor(() => expect(getNode).toHaveBeenCalledTimes(2))
    await settle()
    expect(getBlockTree).toHaveBeenCalledTimes(1)
    rerender({ summary: createNodeSummary('node2', { pool: 3, height: 2, tip: 'cd'.repeat(32) }) })
    await waitFor(() => expect(getBlockTree).toHaveBeenCalledTimes(2))
    await settle()
    expect(getNode).toHaveBeenCalledTimes(3)
  })
})
