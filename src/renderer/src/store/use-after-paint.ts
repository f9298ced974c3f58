import { useEffect, useRef, useState } from 'react'

/**
 * `value`, shown one painted frame after it changed: what depends on it (the six charts, which
 * take a good part of a frame to draw) renders after the frame that shows the rest of a change
 * (the clock after a Step, the node after a click), not before it. Changes that come faster
 * than frames are taken together: the latest one shows, and a stream of them never starves it.
 */
export function useAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value)
  const latest = useRef(value)
  const scheduled = useRef<{ frame?: number; timer?: ReturnType<typeof setTimeout> } | null>(null)
  useEffect(() => {
    latest.current = value
    if (scheduled.current || Object.is(value, shown)) return
    const handles: { frame?: number; timer?: ReturnType<typeof setTimeout> } = {}
    scheduled.current = handles
    // The animation frame comes before the paint; a task queued from it runs after the paint.
    handles.frame = requestAnimationFrame(() => {
      handles.timer = setTimeout(() => {
        scheduled.current = null
        setShown(() => latest.current)
      })
    })
  }, [value, shown])
  useEffect(
    () => () => {
      const handles = scheduled.current
      if (handles?.frame !== undefined) cancelAnimationFrame(handles.frame)
      clearTimeout(handles?.timer)
      scheduled.current = null
    },
    [],
  )
  return shown
}
