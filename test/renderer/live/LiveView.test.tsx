// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LabClient } from '../../../src/shared/lab-bridge'
import type { RunSummary } from '../../../src/shared/run-types'
import { LiveView } from '../../../src/renderer/src/live/LiveView'
import { NoticeProvider } from '../../../src/renderer/src/notices/notices'
import { LiveLab } from '../../../src/renderer/src/store/live-lab'
import { sizeTheLogScroller } from '../size-log-scroller'
import {
  createNetworkInfo,
  createNodeSnapshot,
  createNodeSummary,
} from '../../support/network-fixtures'

const networkAt = (clock: number) =>
  createNetworkInfo({
    clock,
    accounts: ['aki', 'so'],
    nodes: ['node1', 'node2'].map((id) => createNodeSummary(id, { clock, height: 0 })),
    links: [{ a: 'node1', b: 'node2', up: true, latency: 0 }],
  })

const snapshot = (id: string) => createNodeSnapshot(id, { clock: 12, balances: { aki: 10, so: 0 } })

const liveRun = { id: 3, status: 'live' } as RunSummary

function fakeClient() {
  return {
    subscribe: () => () => undefined,
    getNetwork: vi.fn(async () => networkAt(12)),
    getNode: vi.fn(async ({ node }: { node: string }) => snapshot(node)),
    getBlockTree: vi.fn(async () => []),
    mine: vi.fn(async ({ node }: { node: string }) => ({ ...snapshot(node), queued: 1 })),
    reset: vi.fn(async () => networkAt(0)),
    cutLink: vi.fn(async () => networkAt(12)),
    listRuns: vi.fn(async () => [{ id: 2, status: 'finished' } as RunSummary, liveRun]),
    branchRun: vi.fn(async ({ clock }: { clock: number }) => networkAt(clock)),
  }
}

async function renderLive(client: ReturnType<typeof fakeClient>) {
  const lab = new LiveLab(client as Partial<LabClient> as LabClient)
  lab.start()
  await waitFor(() => expect(lab.network).not.toBeNull())
  const view = render(
    <NoticeProvider>
      <LiveView client={client as Partial<LabClient> as LabClient} lab={lab} tab="network" />
    </NoticeProvider>,
  )
  // The store changes outside React: re-render on each change, as useLiveLab does.
  lab.subscribe(() =>
    act(() =>
      view.rerender(
        <NoticeProvider>
          <LiveView client={client as Partial<LabClient> as LabClient} lab={lab} tab="network" />
        </NoticeProvider>,
      ),
    ),
  )
  return lab
}

const toasts = () => screen.getByRole('status', { name: 'Confirmations' }).textContent

describe('the live view: every action answers', () => {
  beforeEach(sizeTheLogScroller)
  afterEach(() => {
    cleanup()
    vi.restoreAllMocks()
  })

  it('asks before a reset, and confirms that a new run begins', async () => {
    const client = fakeClient()
    await renderLive(client)
    await userEvent.click(screen.getByRole('button', { name: 'Reset…' }))
    const ask = screen.getByRole('alertdialog', { name: 'Reset the network?' })
    expect(ask.textContent).toMatch(/current run ends .* a new run begins/)
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(client.reset).not.toHaveBeenCalled()
    expect(screen.queryByRole('alertdialog')).toBeNull()

    await userEvent.click(screen.getByRole('button', { name: 'Reset…' }))
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }))
    expect(client.reset).toHaveBeenCalledTimes(1)
    await waitFor(() => expect(toasts()).toMatch(/Reset every node to genesis: a new run begins/))
    await waitFor(() => expect(screen.getByTestId('clock').textContent).toBe('0'))
  })

  it('confirms a mine request, and says when it comes', async () => {
    const client = fakeClient()
    await renderLive(client)
    await userEvent.click(await screen.findByRole('button', { name: 'Mine on node1' }))
    expect(client.mine).toHaveBeenCalledWith({ node: 'node1' })
    await waitFor(() => expect(toasts()).toMatch(/node1 will mine a block \(3 clocks\)/))
    // Paused, no clock passes: the card shows the queued block from the request's own answer.
    const card = screen.getByRole('region', { name: 'node1 details' })
    await waitFor(() => expect(within(card).getByTestId('queued-node1').textContent).toBe('1'))
  })

  it('goes back one clock: a branch of the run being recorded at the clock before', async () => {
    const client = fakeClient()
    await renderLive(client)
    await userEvent.click(screen.getByRole('button', { name: '← Back' }))
    await waitFor(() => expect(client.branchRun).toHaveBeenCalledWith({ id: 3, clock: 11 }))
    await waitFor(() =>
      expect(toasts()).toMatch(/Back to clock 11: a new run, branched from run 3/),
    )
    await waitFor(() => expect(screen.getByTestId('clock').textContent).toBe('11'))
  })

  it('says so when an action fails', async () => {
    const client = fakeClient()
    client.listRuns.mockResolvedValue([])
    await renderLive(client)
    await userEvent.click(screen.getByRole('button', { name: '← Back' }))
    await waitFor(() => expect(toasts()).toMatch(/No run is being recorded/))
  })

  it("acts on a graph's node by keyboard alone: mine, cut, and the transaction form of another", async () => {
    const client = fakeClient()
    await renderLive(client)
    screen.getByRole('listbox', { name: /Nodes of the graph/ }).focus()
    await userEvent.keyboard('{Shift>}{F10}{/Shift}')
    await userEvent.keyboard('{Enter}')
    expect(client.mine).toHaveBeenCalledWith({ node: 'node1' })
    await waitFor(() => expect(toasts()).toMatch(/node1 will mine a block/))

    await userEvent.keyboard('{Shift>}{F10}{/Shift}')
    await userEvent.click(screen.getByRole('menuitem', { name: 'Cut the link node1 — node2' }))
    expect(client.cutLink).toHaveBeenCalledWith({ a: 'node1', b: 'node2' })

    await userEvent.keyboard('{ArrowDown}{Shift>}{F10}{/Shift}')
    await userEvent.click(screen.getByRole('menuitem', { name: 'Send a transaction to node2…' }))
    await waitFor(() =>
      expect(document.activeElement?.closest('form')?.getAttribute('aria-label')).toBe(
        'Send a transaction to node2',
      ),
    )
  })
})
