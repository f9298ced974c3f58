import { useRef, type ReactNode } from 'react'
import { HeldOffScreen, useOnScreen } from '../visibility/held-off-screen'

/**
 * A live panel that, while the clock plays, is not rendered again while it is out of view: at
 * 1,000 clocks/s the panels a person had scrolled away from (the graph and the node's card, the
 * trees, the event log) were rendered every frame for no one, and cost the page the frames of
 * the ones in view. A panel catches up as it comes into view, and every panel at once when the
 * clock stops: a paused page, as a screen reader or a screenshot reads it, is current throughout.
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
  const visible = useOnScreen(ref)
  return (
    <div ref={ref} className={className}>
      <HeldOffScreen visible={!playing || visible !== false}>{children}</HeldOffScreen>
    </div>
  )
}
