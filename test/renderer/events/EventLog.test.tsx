// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EventLog } from '../../../src/renderer/src/events/EventLog'
import { logKindOf } from '../../../src/renderer/src/events/log-entries'
import { sizeTheLogScroller } from '../size-log-scroller'
import { forkStory, hash, manyAcceptances } from './log-fixtures'
import type { SequencedEvent } from '../../../src/shared/api-types'

const NODES = ['node1', 'node2', 'node3']

function renderLog(entries = forkStory().filter((e) => logKindOf(e) !== null)) {
  const onPick = vi.fn()
  const view = render(
    <EventLog entries={entries} version={1} nodes={NODES} onPick={onPick} clock={8} />,
  )
  return { ...view, onPick }
}

const rows = () => screen.queryAllByRole('listitem').map((li) => li.textContent)

describe('the event log', () => {
  beforeEach(sizeTheLogScroller)
  afterEach(() => {
    cleanup()
    vi.restoreAllMocks()
  })

  it('tells a fork in plain words: mined, dropped, refused with the reason, the reorganisation', () => {
    renderLog()
    expect(rows()).toEqual([
      '3Lnode1link to node2 cut',
      '7Mnode1mined block #1 aaaa1111 with 1 tx',
      '7Mnode2mined block #1 bbbb2222 with 1 tx',
      '8Dnode3dropped NEW_BLOCK from node1: the link was cut',
      '12Rnode2refused #2 cccc3333 from node3: the hash does not meet the difficulty',
      '14Onode1reorganised 1 deep: abandoned aaaa1111, adopted bbbb2222, dddd4444',
      "15Tnode2refused tx aki → so: 50: the sender's balance, less what the pool already spends, is too low",
    ])
  })

  it('leaves out the drops of what a node already had: they end every gossip, not a loss', () => {
    expect(forkStory().filter((e) => logKindOf(e) === 'dropped')).toHaveLength(1)
  })

  it('filters by kind and by node', async () => {
    renderLog()
    await userEvent.click(screen.getByRole('checkbox', { name: /blocks mined/ }))
    expect(rows()).toHaveLength(5)
    expect(rows().some((r) => r?.includes('mined'))).toBe(false)
    await userEvent.selectOptions(screen.getByLabelText('only the entries of node'), 'node2')
    expect(rows()).toEqual([
      '12Rnode2refused #2 cccc3333 from node3: the hash does not meet the difficulty',
      "15Tnode2refused tx aki → so: 50: the sender's balance, less what the pool already spends, is too low",
    ])
    expect(screen.getByTestId('log-count').textContent).toMatch(/^2 of 7 entries/)
  })

  it('picks the node and the block of an entry (a reorganisation: the adopted tip)', async () => {
    const { onPick } = renderLog()
    const reorg = screen.getAllByRole('listitem')[5]!
    await userEvent.click(within(reorg).getByRole('button'))
    expect(onPick).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'chain.reorg', node: 'node1', clock: 14 }),
      hash('dddd4444'),
    )
    await userEvent.click(within(screen.getAllByRole('listitem')[0]!).getByRole('button'))
    expect(onPick).toHaveBeenLastCalledWith(expect.objectContaining({ kind: 'link.cut' }), null)
  })

  it('marks the entries of the scrubbed clock', () => {
    const { container } = renderLog()
    expect([...container.querySelectorAll('.log-row.now')].map((r) => r.textContent)).toEqual([
      '8Dnode3dropped NEW_BLOCK from node1: the link was cut',
    ])
  })

  it('puts only the rows in view into the page, with 100,000 entries, and filters them quickly', async () => {
    const entries = manyAcceptances(100_000)
    renderLog(entries)
    expect(screen.getByTestId('log-count').textContent).toMatch(/^100,000 of 100,000 entries/)
    const drawn = screen.getAllByRole('listitem').length
    expect(drawn).toBeGreaterThan(5)
    expect(drawn).toBeLessThan(60)
    const started = performance.now()
    await userEvent.selectOptions(screen.getByLabelText('only the entries of node'), 'node3')
    expect(screen.getByTestId('log-count').textContent).toMatch(/^33,333 of 100,000 entries/)
    expect(rows()[0]).toMatch(/^0Anode3accepted #2 /)
    // Not a timing assertion on a shared machine: a bound generous enough to catch a render of
    // every row (seconds), not a slow frame.
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  describe('following the newest entry (live)', () => {
    /** The ResizeObservers the log makes, to call as the browser would once it laid a frame out. */
    let observed: { target: Element; call: () => void }[]
    beforeEach(() => {
      observed = []
      vi.stubGlobal(
        'ResizeObserver',
        class {
          constructor(private readonly callback: ResizeObserverCallback) {}
          observe(target: Element) {
            const entry = { target, contentRect: { height: 240 } } as unknown as ResizeObserverEntry
            observed.push({
              target,
              call: () => this.callback([entry], this as unknown as ResizeObserver),
            })
          }
          disconnect() {}
        },
      )
    })
    afterEach(() => vi.unstubAllGlobals())

    /** A live log of `count` entries, grown in place as the live store grows it. */
    function liveLog(count: number) {
      const entries: SequencedEvent[] = manyAcceptances(count)
      const more = manyAcceptances(count + 40).slice(count)
      let version = 1
      const element = () => (
        <EventLog entries={entries} version={version} nodes={NODES} onPick={vi.fn()} follow />
      )
      const view = render(element())
      const grow = (n: number) => {
        entries.push(...more.splice(0, n))
        version++
        view.rerender(element())
      }
      const scroller = view.container.querySelector<HTMLElement>('.log-scroll')!
      const laidOut = () => act(() => observed.filter((o) => o.target.tagName === 'OL')[0]!.call())
      return { entries, grow, scroller, laidOut }
    }

    const lastRow = () => rows()[rows().length - 1]

    it('draws the newest entries as the log grows, reading no layout in the render', () => {
      const { entries, grow, scroller } = liveLog(500)
      expect(lastRow()).toMatch(/accepted #499 /)
      const reads = [
        vi.spyOn(scroller, 'scrollHeight', 'get'),
        vi.spyOn(scroller, 'scrollTop', 'get'),
        vi.spyOn(scroller, 'getBoundingClientRect'),
      ]
      grow(5)
      expect(entries).toHaveLength(505)
      expect(lastRow()).toMatch(/accepted #504 /)
      // A handful of rows beyond the view, not the whole log.
      expect(rows().length).toBeLessThan(40)
      for (const read of reads) expect(read).not.toHaveBeenCalled()
    })

    it('moves the scroller to the end once the browser has laid the grown list out', () => {
      const { grow, scroller, laidOut } = liveLog(500)
      const moved = vi.spyOn(scroller, 'scrollTop', 'set')
      grow(5)
      expect(moved).not.toHaveBeenCalled()
      laidOut()
      expect(moved).toHaveBeenLastCalledWith(505 * 24)
    })

    it('stops following while the reader scrolls up, and follows again from the end', () => {
      const { grow, scroller, laidOut } = liveLog(500)
      const position = vi.spyOn(scroller, 'scrollTop', 'get').mockReturnValue(240)
      fireEvent.scroll(scroller)
      grow(5)
      // Rows 10 to 19 are in view at 240 px: they stay put, and the scroller is left alone.
      expect(rows().some((r) => /accepted #10 /.test(r ?? ''))).toBe(true)
      expect(lastRow()).not.toMatch(/accepted #504 /)
      const moved = vi.spyOn(scroller, 'scrollTop', 'set')
      laidOut()
      expect(moved).not.toHaveBeenCalled()
      position.mockReturnValue(505 * 24 - 240)
      fireEvent.scroll(scroller)
      grow(5)
      expect(lastRow()).toMatch(/accepted #509 /)
      laidOut()
      expect(moved).toHaveBeenLastCalledWith(510 * 24)
    })
  })
})
