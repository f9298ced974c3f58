// @vitest-environment happy-dom
import { cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LabClient } from '../../../src/shared/lab-bridge'
import type { SequencedEvent } from '../../../src/shared/api-types'
import type { EventPage } from '../../../src/shared/run-types'
import { useRunLog } from '../../../src/renderer/src/events/use-run-log'

type Asked = { id: number; kind: string; dropped: string; limit: number; cursor?: number }

const dropped = (seq: number, reason: 'known' | 'link-cut'): SequencedEvent => ({
  seq,
  clock: seq,
  kind: 'message.dropped',
  node: 'node2',
  from: 'node1',
  id: seq,
  type: 'NEW_BLOCK',
  subject: 'ab',
  reason,
})

/** A run of two pages: what the route answers to the request's cursor. */
function twoPages() {
  const pages: Record<string, EventPage> = {
    first: { events: [dropped(1, 'link-cut')], next: 1 },
    1: { events: [dropped(2, 'link-cut'), dropped(3, 'known')], next: null },
  }
  const getRunEvents = vi.fn((asked: Asked) =>
    Promise.resolve(pages[asked.cursor ?? 'first'] as EventPage),
  )
  return { client: { getRunEvents } as unknown as LabClient, getRunEvents }
}

describe("a saved run's event log", () => {
  afterEach(cleanup)

  it('asks for the kinds it shows and the drops it shows alone, page after page', async () => {
    const { client, getRunEvents } = twoPages()
    const { result } = renderHook(() => useRunLog(client, 7))
    await waitFor(() => expect(result.current.done).toBe(true))
    expect(getRunEvents).toHaveBeenCalledTimes(2)
    for (const [asked] of getRunEvents.mock.calls) {
      expect(asked.id).toBe(7)
      expect(asked.kind.split(',')).toContain('message.dropped')
      // Every reason but a message already had: those drops are nine in ten of a large run's.
      expect(asked.dropped.split(',').sort()).toEqual(
        ['link-cut', 'no-link', 'not-started', 'reset'].sort(),
      )
    }
    expect(getRunEvents.mock.calls[1]?.[0].cursor).toBe(1)
    // A drop of a known message in a page is still left out by the log itself.
    expect(result.current.entries.map((e) => e.seq)).toEqual([1, 2])
  })

  it('asks nothing before it has a run', () => {
    const { client, getRunEvents } = twoPages()
    renderHook(() => useRunLog(client, null))
    expect(getRunEvents).not.toHaveBeenCalled()
  })
})
