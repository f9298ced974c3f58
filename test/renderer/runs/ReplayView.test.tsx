// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LabClient } from '../../../src/shared/lab-bridge'
import type {
  BucketedSeries,
  NodeAtClock,
  RunState,
  RunSummary,
  SeriesBucket,
} from '../../../src/shared/run-types'
import { ReplayView } from '../../../src/renderer/src/runs/ReplayView'
import { NODE_STATUSES, type NodeStatus } from '../../../src/shared/engine-terms'
import { sizeTheLogScroller } from '../size-log-scroller'
import { forkStory } from '../events/log-fixtures'
import { createNodeSnapshot } from '../../support/network-fixtures'

const NODES = ['node1', 'node2']

const nodeAt = (id: string, clock: number): NodeAtClock => ({
  ...createNodeSnapshot(id, { clock, balances: { aki: 2, so: 7 } }),
  chain: [],
  tree: [],
})

const summary = (events: number, clocks: number): RunSummary => ({
  id: 4,
  name: 'a run',
  notes: '',
  created: '2026-11-25T00:00:00Z',
  ended: '2026-11-25T00:01:00Z',
  status: 'finished',
  clocks,
  nodes: NODES.length,
  blocks: 10,
  events,
  commands: 2,
  dialect: 'readme',
  parentRunId: null,
  branchClock: null,
})

const bucket = (clock: number, to: number, busy: number): SeriesBucket => ({
  clock,
  to,
  heights: { node1: clock / 1_000, node2: clock / 1_000 },
  pools: { node1: 1, node2: 2 },
  activity: { node1: 'mining', node2: 'idle' },
  busy: { node1: busy, node2: 0 },
  messages: { NEW_TX: 30 },
  forks: 1,
  reorgs: 0,
  reorgDepth: 0,
  balances: { aki: 2, so: 7 },
})

const overview: BucketedSeries = {
  runId: 4,
  from: 0,
  to: 99_999,
  width: 50_000,
  nodes: NODES,
  accounts: ['aki', 'so'],
  balancesOf: 'node1',
  summarised: false,
  buckets: [bucket(0, 49_999, 20_000), bucket(50_000, 99_999, 5_000)],
}

const NO_STATUSES = Object.fromEntries(NODE_STATUSES.map((s) => [s, 0])) as Record<
  NodeStatus,
  number
>

/** The id of the status timeline's sentence for screen readers. */
function timelineSummaryId(container: HTMLElement): string {
  const timeline = container.querySelector('svg.timeline')?.closest('[aria-describedby]')
  return timeline?.getAttribute('aria-describedby') ?? ''
}

function fakeClient(nodes: readonly string[] = NODES, series: BucketedSeries = overview) {
  const client = {
    subscribe: () => () => undefined,
    getRunState: vi.fn(async ({ clock }: { clock: number }): Promise<RunState> => ({
      runId: 4,
      clock,
      links: 'a'.repeat(40),
      nodes: nodes.map((id) => nodeAt(id, clock)),
    })),
    getRunSeries: vi.fn(async () => series),
    // The event log asks for its kinds; the charts for every event of a stretch of clocks.
    getRunEvents: vi.fn(async ({ kind }: { kind?: string; from?: number; to?: number }) => ({
      events: kind?.includes('chain.reorg') ? forkStory() : [],
      next: null,
    })),
  }
  return client
}

function renderReplay(client: ReturnType<typeof fakeClient>, run: RunSummary) {
  return render(
    <ReplayView
      client={client as Partial<LabClient> as LabClient}
      run={run}
      onBranched={() => undefined}
      onClose={() => undefined}
    />,
  )
}

describe('the replay of a saved run', () => {
  beforeEach(sizeTheLogScroller)
  afterEach(() => {
    cleanup()
    vi.restoreAllMocks()
  })

  it("asks for the log and a long run's overview only once its first state is here: they do not hold it up", async () => {
    const client = fakeClient()
    let answer: () => void = () => undefined
    client.getRunState.mockImplementationOnce(
      ({ clock }) =>
        new Promise<RunState>((resolve) => {
          answer = () =>
            resolve({
              runId: 4,
              clock,
              links: 'a'.repeat(40),
              nodes: NODES.map((id) => nodeAt(id, clock)),
            })
        }),
    )
    renderReplay(client, summary(600_000, 99_999))
    await waitFor(() => expect(client.getRunState).toHaveBeenCalledTimes(1))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(client.getRunSeries).not.toHaveBeenCalled()
    expect(client.getRunEvents.mock.calls.map(([q]) => q.kind)).toEqual(['message.sent'])
    answer()
    await waitFor(() => expect(client.getRunSeries).toHaveBeenCalledTimes(1))
    await waitFor(() =>
      expect(client.getRunEvents).toHaveBeenCalledWith(
        expect.objectContaining({ kind: expect.stringContaining('chain.reorg') }),
      ),
    )
    // One request for the state: the first answer has every chain, the first node's among them.
    expect(client.getRunState).toHaveBeenCalledTimes(1)
  })

  it("charts a long run whole from the main side's buckets, and zooms into the clocks around the scrubber", async () => {
    const client = fakeClient()
    const { container } = renderReplay(client, summary(600_000, 99_999))
    await waitFor(() => expect(container.querySelector('[data-overview="0-99999"]')).not.toBeNull())
    expect(client.getRunSeries).toHaveBeenCalledTimes(1)
    expect(client.getRunSeries).toHaveBeenCalledWith({ id: 4, buckets: 400 })
    // The charts ask for no events: the event log asks for its kinds, the graph for the
    // messages of the scrubbed clock.
    expect(client.getRunEvents.mock.calls.map(([q]) => q.kind).sort()).toEqual([
      expect.stringContaining('chain.reorg'),
      'message.sent',
    ])
    expect(screen.getByText(/whole run in 2 buckets of 50,000 clocks/)).toBeTruthy()
    // The status timeline: node1 mostly mining, as strong as it was busy; node2 idle throughout.
    const lanes = [...container.querySelectorAll('svg.timeline rect:not(.timeline-letter-chip)')]
    expect(lanes.map((r) => r.querySelector('title')?.textContent)).toEqual([
      'node1 busy 40% of clocks 0–49999, mostly mining',
      'node1 busy 10% of clocks 50000–99999, mostly mining',
    ])

    await userEvent.click(screen.getByRole('button', { name: 'Chart clock by clock around 0' }))
    await waitFor(() => expect(container.querySelector('[data-window="0-4000"]')).not.toBeNull())
    expect(client.getRunEvents).toHaveBeenCalledWith(expect.objectContaining({ id: 4, to: 4_000 }))
    expect(container.querySelector('[data-overview]')).toBeNull()

    await userEvent.click(screen.getByRole('button', { name: 'Chart the whole run' }))
    expect(container.querySelector('[data-overview="0-99999"]')).not.toBeNull()
  })

  it("charts a large run from the main side's summary: nodes per status as it counted them", async () => {
    const many = Array.from({ length: 30 }, (_, i) => `node${i + 1}`)
    const counted = (clock: number, to: number, mining: number): SeriesBucket => ({
      ...bucket(clock, to, 20_000),
      heights: { node1: 3 },
      pools: { node1: 1 },
      activity: { node1: 'mining' },
      busy: { node1: 20_000 },
      network: {
        lowestHeight: 2,
        highestHeight: 5,
        totalPool: 40,
        statuses: { ...NO_STATUSES, idle: 30 - mining - 1.5, mining, 'receiving-block': 1.5 },
      },
    })
    const summarised: BucketedSeries = {
      ...overview,
      nodes: many,
      summarised: true,
      buckets: [counted(0, 49_999, 12), counted(50_000, 99_999, 3)],
    }
    const client = fakeClient(many, summarised)
    const { container } = renderReplay(client, { ...summary(600_000, 99_999), nodes: 30 })
    await waitFor(() => expect(container.querySelector('[data-overview="0-99999"]')).not.toBeNull())
    // One stack per bucket, of the counts the main side sent (not of the one node's spans).
    const stacks = [...container.querySelectorAll('svg.timeline rect[data-status]')]
    expect(stacks.map((r) => r.querySelector('title')?.textContent)).toEqual([
      'mining: 12 of 30 nodes, clocks 0–49999',
      'receiving-block: 1.5 of 30 nodes, clocks 0–49999',
      'mining: 3 of 30 nodes, clocks 50000–99999',
      'receiving-block: 1.5 of 30 nodes, clocks 50000–99999',
    ])
    expect(document.getElementById(timelineSummaryId(container))?.textContent).toBe(
      'Statuses of 30 nodes at clock 0 (on average over clocks 0–49999): 16.5 idle, 12 mining, 1.5 receiving a block.',
    )
    // The picked node's lane waits for a pick: none is picked yet.
    expect(screen.getByText(/Click nodes in the graph to follow them here/)).toBeTruthy()
  })

  it('charts a short run clock by clock from its events, and its balances a bucket a clock', async () => {
    const client = fakeClient()
    const { container } = renderReplay(client, summary(2_000, 300))
    await waitFor(() => expect(container.querySelector('[data-window="0-300"]')).not.toBeNull())
    expect(client.getRunEvents).toHaveBeenCalledWith(expect.objectContaining({ to: 300 }))
    // The events do not carry balances: the main side's buckets do, one per clock.
    await waitFor(() =>
      expect(client.getRunSeries).toHaveBeenCalledWith({
        id: 4,
        from: 0,
        to: 300,
        buckets: 301,
        node: 'node1',
      }),
    )
    expect(screen.queryByRole('button', { name: /whole run|clock by clock/ })).toBeNull()
  })

  it("jumps to an event's clock and node from the log, and details any block, stale ones too", async () => {
    const client = fakeClient()
    renderReplay(client, summary(2_000, 300))
    const log = await screen.findByRole('region', { name: 'Event log' })
    await waitFor(() => expect(within(log).getAllByRole('listitem')).toHaveLength(7))
    await userEvent.click(within(log).getByRole('button', { name: /reorganised 1 deep/ }))
    expect(screen.getByTestId('replay-clock').textContent).toBe('14')
    // The state of the node picked, with its chain only: the rest of the view needs no more.
    await waitFor(() =>
      expect(client.getRunState).toHaveBeenLastCalledWith(
        expect.objectContaining({ id: 4, clock: 14, chainsOf: 'node1' }),
      ),
    )
    // node1's block aaaa1111 was abandoned: no state's main chain holds it, its mined event does.
    await userEvent.click(within(log).getByRole('button', { name: /node1.*mined block #1/ }))
    expect(screen.getByTestId('replay-clock').textContent).toBe('7')
    const detail = await screen.findByRole('region', { name: 'Block 1' })
    expect(detail.textContent).toContain('aaaa1111'.padEnd(64, '0'))
    expect(detail.textContent).toContain('aki → so: 3')
    // One detail panel, under the node's chain history: not a second one in the network's tree.
    expect(document.querySelectorAll('.block-detail')).toHaveLength(1)
  })

  it('animates the messages sent at the scrubbed clock, as the live view does, under a legend', async () => {
    const client = fakeClient()
    client.getRunEvents.mockImplementation(async ({ kind, from }) => ({
      events:
        kind === 'message.sent' && from === 0
          ? [
              {
                seq: 9,
                clock: 0,
                node: 'node1',
                kind: 'message.sent' as const,
                id: 1,
                type: 'NEW_BLOCK' as const,
                to: 'node2',
                subject: 'ab',
                ready: 0,
              },
            ]
          : [],
      next: null,
    }))
    renderReplay(client, summary(2_000, 300))
    const onTheirWay = () => screen.queryByRole('list', { name: 'Messages on their way' })
    await waitFor(() => expect(onTheirWay()?.textContent).toBe('NEW_BLOCK node1 → node2'))
    expect(screen.getByText('a block on its way')).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Play' }))
    await waitFor(() => expect(onTheirWay()).toBeNull())
    expect(screen.getByLabelText('replay clocks per second')).toBeTruthy()
  })
})
