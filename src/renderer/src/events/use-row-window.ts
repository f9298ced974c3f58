import { useEffect, useLayoutEffect, useRef, useState, type UIEventHandler } from 'react'

/** The scroller's height before the browser says (its CSS height). */
const VIEWPORT = 240
/** Rows drawn beyond each edge of the view, so that a quick scroll shows no gap. */
const OVERSCAN = 10

/**
 * Which rows of a long list of rows of one height are in view, for drawing only those; and, with
 * `follow`, the list kept at its end while it grows, until the reader scrolls up (and again once
 * they scroll back to the end).
 *
 * Why not a general virtualiser: @tanstack/react-virtual rebuilt a measurement for every row
 * each time the count changed, so a live log that grows every frame cost each frame in
 * proportion to its length (3 % of the page at 1,000 clocks/s after a minute). With one row
 * height, the rows in view are arithmetic.
 *
 * Why following reads no layout: scrolling to the end from a render (reading scrollHeight, or
 * even writing scrollTop) makes the browser lay the page out in the middle of the frame, and
 * again at its end: 4–7 % of the page while playing. Here the rows drawn while following are
 * worked out from the count alone, and the scroller is moved to the end from a ResizeObserver on
 * the list, which the browser calls once it has laid the frame out, when moving costs nothing.
 */
export function useRowWindow(count: number, rowHeight: number, follow: boolean) {
  const scroller = useRef<HTMLDivElement>(null)
  const list = useRef<HTMLOListElement>(null)
  const [top, setTop] = useState(0)
  const [viewport, setViewport] = useState(VIEWPORT)
  const [following, setFollowing] = useState(true)
  const total = count * rowHeight
  const end = Math.max(0, total - viewport)
  const offset = follow && following ? end : Math.min(top, end)
  const first = Math.max(0, Math.floor(offset / rowHeight) - OVERSCAN)
  const last = Math.min(count, Math.ceil((offset + viewport) / rowHeight) + OVERSCAN)

  // What the observers and the scroll handler need of the latest render, without re-observing.
  const latest = useRef({ follow, following, total, viewport })
  useLayoutEffect(() => {
    latest.current = { follow, following, total, viewport }
  })

  useEffect(() => {
    const box = scroller.current
    const rows = list.current
    if (!box || !rows || typeof ResizeObserver === 'undefined') return
    const sized = new ResizeObserver((entries) => {
      const height = entries[entries.length - 1]?.contentRect.height
      if (height) setViewport(height)
    })
    // The list grows with every row added: once laid out, a following log goes to its end.
    const grown = new ResizeObserver(() => {
      const now = latest.current
      if (now.follow && now.following) box.scrollTop = now.total
    })
    sized.observe(box)
    grown.observe(rows)
    return () => {
      sized.disconnect()
      grown.disconnect()
    }
  }, [])

  const onScroll: UIEventHandler<HTMLDivElement> = (event) => {
    const at = event.currentTarget.scrollTop
    const now = latest.current
    const atEnd = at + now.viewport >= now.total - rowHeight
    if (now.follow) setFollowing(atEnd)
    // While following, the rows drawn come from the count: no render for the log's own scroll.
    if (!(now.follow && atEnd)) setTop(at)
  }

  return { scroller, list, first, last, total, onScroll }
}
