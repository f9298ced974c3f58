// @vitest-environment happy-dom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LabClient } from '../../../src/shared/lab-bridge'
import { LabError } from '../../../src/shared/errors'
import type { RunState } from '../../../src/shared/run-types'
import { useReplayState } from '../../../src/renderer/src/runs/use-replay-state'

type Asked = { id: number; clock: number; chainsOf?: string; scrub?: string }

/** A client whose state answers come when the test says, each to the request it names. */
function slowClient() {
  const waiting: { asked: Asked; answer: (s: RunState) => void; fail: (e: unknown) => void }[] = []
  const getRunState = vi.fn(
    (asked: Asked) =>
      new Promise<RunState>((answer, fail) => waiting.push({ asked, answer, fail })),
  )
  const client = { getRunState } as unknown as LabClient
  const answer = (clock: number) => {
    const request = waiting.find((w) => w.asked.clock === clock)!
    request.answer({ runId: request.asked.id, clock, nodes: [] })
  }
  return { client, getRunState, waiting, answer }
}

describe('the replay state at the scrubbed clock', () => {
  afterEach(cleanup)

  it('shows the latest clock asked for, dropping an answer that comes after it', async () => {
    const { client, answer } = slowClient()
    const { result, rerender } = renderHook(
      ({ clock }) => useReplayState(client, 4, clock, 'node7'),
      { initialProps: { clock: 1 } },
    )
    rerender({ clock: 2 })
    rerender({ clock: 3 })
    await act(async () => answer(3))
    expect(result.current.state?.clock).toBe(3)
    // Clocks 1 and 2 were asked before 3: their answers are stale when they come.
    await act(async () => answer(1))
    await act(async () => answer(2))
    expect(result.current.state?.clock).toBe(3)
  })

  it('names one scrub in every request, with the chains of the node it shows only', async () => {
    const { client, getRunState } = slowClient()
    const { rerender } = renderHook(({ clock }) => useReplayState(client, 4, clock, 'node7'), {
      initialProps: { clock: 5 },
    })
    rerender({ clock: 6 })
    await waitFor(() => expect(getRunState).toHaveBeenCalledTimes(2))
    const [first, second] = getRunState.mock.calls.map(([asked]) => asked)
    expect(first).toMatchObject({ id: 4, clock: 5, chainsOf: 'node7' })
    expect(second).toMatchObject({ id: 4, clock: 6, chainsOf: 'node7' })
    expect(first!.scrub).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
    expect(second!.scrub).toBe(first!.scrub)
    // Another view scrubs on its own.
    const other = renderHook(() => useReplayState(client, 4, 5, null))
    await waitFor(() => expect(getRunState).toHaveBeenCalledTimes(3))
    expect(getRunState.mock.calls[2]![0].scrub).not.toBe(first!.scrub)
    expect(getRunState.mock.calls[2]![0]).not.toHaveProperty('chainsOf')
    other.unmount()
  })

  it('asks once when an answer with every chain came first: it serves the node then named, at its clock', async () => {
    const { client, getRunState, answer } = slowClient()
    const { result, rerender } = renderHook(
      ({ clock, node }) => useReplayState(client, 4, clock, node),
      { initialProps: { clock: 0, node: null as string | null } },
    )
    await act(async () => answer(0))
    rerender({ clock: 0, node: 'node1' })
    expect(result.current.state?.clock).toBe(0)
    expect(getRunState).toHaveBeenCalledTimes(1)
    // The next clock asks for the node's chain alone, and then another node is asked for.
    rerender({ clock: 1, node: 'node1' })
    await act(async () => answer(1))
    rerender({ clock: 1, node: 'node2' })
    await waitFor(() => expect(getRunState).toHaveBeenCalledTimes(3))
    expect(getRunState.mock.calls.map(([asked]) => asked.chainsOf)).toEqual([
      undefined,
      'node1',
      'node2',
    ])
  })

  it('says nothing of a request the main side stopped for a later one, but shows a real error', async () => {
    const { client, waiting } = slowClient()
    const { result, rerender } = renderHook(({ clock }) => useReplayState(client, 4, clock, null), {
      initialProps: { clock: 1 },
    })
    await act(async () => waiting[0]!.fail(new LabError('cancelled', 'replaced')))
    expect(result.current.error).toBeNull()
    rerender({ clock: 2 })
    await act(async () => waiting[1]!.fail(new LabError('unknown-run', 'no run 4')))
    expect(result.current.error).toContain('no run 4')
  })
})
