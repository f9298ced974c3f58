import { useRef, type ReactNode } from 'react'
import { useHeldOffScreen } from '../visibility/HeldOffScreen'
import { useOnScreen } from '../visibility/use-on-screen'

/**
 * How near the view a panel counts as in it: it catches up just before it is scrolled into view,
 * not a frame after (a panel the browser paints before the observer says would show old content).
 */
const NEAR = '100px'

/**
 * A live panel that, while the clock plays, is not rendered again while it is out of view: at
 * 1,000 clocks/s the panels a person had scrolled away from (the graph and the node's card, the
 * trees, the event log) were rendered every frame for no one, and cost the page the frames of
 * the ones in view. A panel catches up as it comes into view, and every panel at once when the
 * clock stops: a paused page, as a screen reader or a screenshot reads it, is current throughout.
 * While behind, it says so (data-stale), for what waits for the page to be current.
 */
export function HeldWhilePlaying({
  playing,
  className,
  children,
}: {
  playing: boolean
  className: string
  children: ReactNode
}) {
  const ref = useRef<HTMLDivElement>(null)
  const visible = useOnScreen(ref, NEAR)
  const { held, behind } = useHeldOffScreen(!playing || visible !== false, children)
  return (
    <div ref={ref} className={className} data-stale={behind ? 'true' : undefined}>
      {held}
    </div>
  )
}
