// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LabEvents } from '../../../src/shared/lab-events'
import { toNetworkTick } from '../../../src/shared/network-tick'
import { EventLog } from '../../../src/renderer/src/events/EventLog'
import { NetworkTreeView } from '../../../src/renderer/src/chain/NetworkTreeView'
import { LiveView } from '../../../src/renderer/src/live/LiveView'
import { NoticeProvider } from '../../../src/renderer/src/notices/notices'
import { sizeTheLogScroller } from '../size-log-scroller'
import { drivenObserver } from '../driven-observer'
import { forkAcceptances } from '../events/log-fixtures'
import { createNetworkInfo, createNodeSummary } from '../../support/network-fixtures'
import { startedLab } from './live-fixtures'

// The real views, counted: how often the live view draws them again.
vi.mock('../../../src/renderer/src/chain/NetworkTreeView', async (real) => {
  const module = await real<{ NetworkTreeView: typeof NetworkTreeView }>()
  return { ...module, NetworkTreeView: vi.fn(module.NetworkTreeView) }
})
vi.mock('../../../src/renderer/src/events/EventLog', async (real) => {
  const module = await real<{ EventLog: typeof EventLog }>()
  return { ...module, EventLog: vi.fn(module.EventLog) }
})

const networkAt = (clock: number) =>
  createNetworkInfo({
    clock,
    accounts: ['aki'],
    nodes: ['node1', 'node2', 'node3'].map((id) => createNodeSummary(id, { clock, height: 0 })),
    links: [{ a: 'node1', b: 'node2', up: true, latency: 0 }],
  })

/** A lab whose engine events the test pushes, rendered in a live view that follows it. */
async function renderLive() {
  const { client, lab, push } = await startedLab(() => networkAt(30))
  // Play asks for steps that never come back: the clock moves only as the test pushes it.
  client.stepTick = vi.fn(() => new Promise<never>(() => undefined))
  const page = () => (
    <NoticeProvider>
      <LiveView client={client} lab={lab} tab="network" />
    </NoticeProvider>
  )
  const view = render(page())
  lab.subscribe(() => act(() => view.rerender(page())))
  return { lab, push: (events: LabEvents['engine']) => push(events) }
}

describe('the live view while the clock runs', () => {
  beforeEach(sizeTheLogScroller)
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
    vi.mocked(NetworkTreeView).mockClear()
    vi.mocked(EventLog).mockClear()
  })

  it('draws the block tree and the event log again when they change, not on every clock', async () => {
    const { lab, push } = await renderLive()
    push(forkAcceptances())
    await screen.findByRole('group', { name: /Blocks of heights 0 to 2/ })
    await waitFor(() => expect(screen.getByTestId('log-count').textContent).toMatch(/^8 of 8/))
    const tree = vi.mocked(NetworkTreeView).mock.calls.length
    const log = vi.mocked(EventLog).mock.calls.length
    // Ten clocks that bring no event: the clock moves on, the tree and the log stay as drawn.
    for (let clock = 31; clock <= 40; clock++)
      act(() => lab.acceptTick(toNetworkTick(networkAt(clock)), true))
    expect(screen.getByTestId('clock').textContent).toBe('40')
    expect(vi.mocked(NetworkTreeView).mock.calls.length).toBe(tree)
    expect(vi.mocked(EventLog).mock.calls.length).toBe(log)
    // A block accepted: both show it.
    act(() =>
      push([
        {
          ...forkAcceptances()[1]!,
          seq: 50,
          clock: 41,
          node: 'node2',
        } as LabEvents['engine'][number],
      ]),
    )
    await waitFor(() => expect(screen.getByTestId('log-count').textContent).toMatch(/^9 of 9/))
    expect(vi.mocked(NetworkTreeView).mock.calls.length).toBeGreaterThan(tree)
  })

  it('holds the panels out of view while it plays, and shows them current once paused', async () => {
    const scroll = drivenObserver()
    const { lab, push } = await renderLive()
    push(forkAcceptances())
    await waitFor(() => expect(screen.getByTestId('log-count').textContent).toMatch(/^8 of 8/))
    act(() => screen.getByRole('button', { name: /^Play$/ }).click())
    await screen.findByRole('button', { name: /^Pause$/ })
    scroll(false)
    const log = vi.mocked(EventLog).mock.calls.length
    act(() => push([{ ...forkAcceptances()[1]!, seq: 50, clock: 41, node: 'node2' }]))
    act(() => lab.acceptTick(toNetworkTick(networkAt(41)), true))
    expect(screen.getByTestId('clock').textContent).toBe('41')
    expect(screen.getByTestId('log-count').textContent).toMatch(/^8 of 8/)
    expect(vi.mocked(EventLog).mock.calls.length).toBe(log)
    act(() => screen.getByRole('button', { name: /^Pause$/ }).click())
    await waitFor(() => expect(screen.getByTestId('log-count').textContent).toMatch(/^9 of 9/))
    // Paused, a clock's entries show though the log is out of view.
    act(() => push([{ ...forkAcceptances()[1]!, seq: 51, clock: 42, node: 'node3' }]))
    await waitFor(() => expect(screen.getByTestId('log-count').textContent).toMatch(/^10 of 10/))
  })
})
