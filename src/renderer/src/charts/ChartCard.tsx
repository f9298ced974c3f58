import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react'
import { flushSync } from 'react-dom'
import { useHeldOffScreen } from '../visibility/HeldOffScreen'
import { useOnScreen } from '../visibility/use-on-screen'
import type { FramePacer } from './frame-pacer'
import { useUntabbableLayers } from './use-untabbable-layers'

/**
 * Its children redrawn when `pacer` gives it a turn (at most one chart a frame, see FramePacer),
 * and not at all while off screen. The figure says while what is drawn is behind (data-stale).
 *
 * Nothing is drawn until the chart is first seen on screen (`visible` null: not yet known):
 * recharts' first draw of the six charts, a few renders each, came in the same task as the live
 * graph's first frame and held it back (about 300 of 1,300 ms to 2,000 nodes drawn, measured in
 * Chromium), while the charts sat below the fold.
 */
function Paced({
  children,
  visible,
  pacer,
  figure,
}: {
  children: ReactNode
  visible: boolean | null
  pacer: FramePacer
  figure: RefObject<HTMLElement | null>
}) {
  // In a box of its own, so that a redraw always commits (a new box), even of the same children.
  const [shown, setShown] = useState<{ children: ReactNode }>(() => ({
    children: visible ? children : null,
  }))
  const latest = useRef(children)
  useLayoutEffect(() => {
    latest.current = children
  })
  // One function for the chart's life: a request made by either effect below is withdrawn by the
  // first one's cleanup (FramePacer withdraws only the redraw it was given).
  const [redraw] = useState(() => () => flushSync(() => setShown({ children: latest.current })))
  const behind = shown.children !== children
  // Asked once per change and kept in line while newer data comes: a chart whose data changes
  // every frame waits its turn behind the others instead of going to the back each frame.
  useEffect(() => {
    if (!visible || !behind) return
    return pacer.request(latest, redraw)
  }, [visible, behind, pacer, redraw])
  // After every commit, a chart still behind with no turn waiting asks again. A turn draws the
  // children the chart last committed; where newer ones were still on their way, it left the
  // chart behind with its turn spent, and the effect above, whose inputs had not changed, did not
  // ask again: a paused page's balance chart stayed stale for good (seen in Chromium, and as a
  // screenshot that waited for it forever).
  useEffect(() => {
    if (visible && behind && !pacer.waits(latest)) pacer.request(latest, redraw)
  })
  // After the commit, not in its layout phase: on the first render (a chart not yet drawn, so
  // behind) the figure's ref is attached after this child's layout effects.
  useEffect(() => {
    if (behind) figure.current?.setAttribute('data-stale', 'true')
    else figure.current?.removeAttribute('data-stale')
  }, [behind, figure])
  return <>{shown.children}</>
}

/**
 * A chart as one tab stop (recharts' own keyboard layer is off: it added a stop per chart and
 * read out points one by one), described by a sentence saying what it shows. With a `pacer`,
 * it redraws when the pacer gives it a turn; without, as soon as its chart changes.
 */
export function ChartCard({
  title,
  summary,
  pacer,
  children,
}: {
  title: string
  summary: string
  pacer?: FramePacer | undefined
  children: ReactNode
}) {
  const ref = useRef<HTMLElement>(null)
  const visible = useOnScreen(ref)
  useUntabbableLayers(ref)
  const id = useId()
  // Without a pacer (a replay's charts), the first draw does not wait for the browser to say.
  const { held, behind } = useHeldOffScreen(visible ?? true, children)
  // Behind what the page knows while held off screen: a full-page screenshot (which does not
  // scroll) brings such charts into view and waits for them (data-stale) before it is taken.
  const stale = !pacer && behind
  return (
    <figure
      className="chart"
      ref={ref}
      data-stale={stale ? 'true' : undefined}
      tabIndex={0}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
    >
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <p id={`${id}-summary`} className="sr-only">
        {summary}
      </p>
      <div className="chart-body">
        {pacer ? (
          <Paced visible={visible} pacer={pacer} figure={ref}>
            {children}
          </Paced>
        ) : (
          held
        )}
      </div>
    </figure>
  )
}
