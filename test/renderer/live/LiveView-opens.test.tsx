// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LiveView } from '../../../src/renderer/src/live/LiveView'
import { NoticeProvider } from '../../../src/renderer/src/notices/notices'
import { sizeTheLogScroller } from '../size-log-scroller'
import { createNetworkInfo, createNodeSummary } from '../../support/network-fixtures'
import { startedLab } from './live-fixtures'

// Alone in its file: the charts' code, once loaded, stays loaded for the module's other tests.
describe('the live view as it opens', () => {
  beforeEach(sizeTheLogScroller)
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('shows the network at once, and the six charts once their code has come, after a frame', async () => {
    let frames = 0
    const frame = globalThis.requestAnimationFrame
    vi.stubGlobal('requestAnimationFrame', (run: FrameRequestCallback) =>
      frame((at) => {
        frames++
        run(at)
      }),
    )
    const network = createNetworkInfo({
      clock: 30,
      accounts: ['aki'],
      nodes: ['node1', 'node2', 'node3'].map((id) => createNodeSummary(id, { clock: 30 })),
      links: [{ a: 'node1', b: 'node2', up: true, latency: 0 }],
    })
    const { client, lab } = await startedLab(() => network)
    const shown = frames
    render(
      <NoticeProvider>
        <LiveView client={client} lab={lab} tab="network" />
      </NoticeProvider>,
    )
    expect(screen.getByTestId('clock').textContent).toBe('30')
    // Not before a frame has passed: nothing of the charts yet.
    expect(screen.queryAllByRole('figure')).toHaveLength(0)
    const figures = await screen.findAllByRole('figure', {}, { timeout: 5_000 })
    expect(figures).toHaveLength(6)
    expect(frames).toBeGreaterThan(shown)
    // Opened at clock 30, the page knows nothing of the clocks before: they are not charted (as
    // zeros, they were: no messages, no rival blocks, every node at height 0).
    const clocks = figures.flatMap((f) => [...(f.textContent ?? '').matchAll(/clocks? (\d+)/g)])
    expect(clocks.length).toBeGreaterThan(0)
    for (const [, clock] of clocks) expect(Number(clock)).toBeGreaterThanOrEqual(30)
  })
})
