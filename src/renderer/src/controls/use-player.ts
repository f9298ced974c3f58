import { useCallback, useEffect, useRef, useState } from 'react'
import { FrameGuard } from './frame-guard'
import { PlayClock } from './play-clock'

/**
 * Plays the clock: asks `step(n)` for the clocks due at `speed` clocks a second, never
 * overlapping calls (a slow answer is made up by a bigger next step, see PlayClock), and
 * measures the rate achieved. Where the page's frames fall (below FLOOR_FPS), steps are made
 * smaller, then the lab is left idle for a while after each (see FrameGuard). Also runs to a
 * target clock with progress and cancel, never paced. Stops on the first error and reports it.
 */
export function usePlayer(
  step: (clocks: number) => Promise<number>,
  onError: (e: unknown) => void,
) {
  const [playing, setPlaying] = useState(false)
  const [speed, setSpeed] = useState<number>(5)
  const [achieved, setAchieved] = useState<number | null>(null)
  const [paced, setPaced] = useState(false)
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const cancel = useRef(false)
  const guard = useRef<FrameGuard | null>(null)

  // The frames are watched while playing, across changes of speed: what the guard learned of
  // this page still holds at the new speed (a new guard would play unpaced for a second or two).
  useEffect(() => {
    if (!playing) return
    const watching = new FrameGuard(performance.now())
    guard.current = watching
    let frame = requestAnimationFrame(function count(at) {
      watching.frame(at)
      frame = requestAnimationFrame(count)
    })
    return () => {
      cancelAnimationFrame(frame)
      guard.current = null
    }
  }, [playing])

  useEffect(() => {
    const frames = guard.current
    if (!playing || !frames) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const clock = new PlayClock(speed, performance.now())
    // The achieved rate is shown a few times a second, not on every step.
    const shown = setInterval(() => {
      setAchieved(clock.achieved(performance.now()))
      setPaced(frames.paced)
    }, 500)
    const tick = async () => {
      if (stopped) return
      const asked = performance.now()
      const clocks = clock.due(asked, frames.most)
      let reached: number
      try {
        reached = await step(clocks)
      } catch (e) {
        // Paused meanwhile: whatever the step's error, it is no one's now.
        if (stopped) return
        onError(e)
        setPlaying(false)
        return
      }
      if (stopped) return
      const now = performance.now()
      const took = now - asked
      const rest = frames.rest(took, now, clocks, document.visibilityState === 'visible')
      timer = setTimeout(
        () => void tick(),
        Math.max(rest, clock.record(clocks, now, took, reached)),
      )
    }
    void tick()
    return () => {
      stopped = true
      clearTimeout(timer)
      clearInterval(shown)
      setAchieved(null)
      setPaced(false)
    }
  }, [playing, speed, step, onError])

  const runTo = useCallback(
    async (target: number, from: number) => {
      if (target <= from) return
      cancel.current = false
      const total = target - from
      let done = 0
      setProgress({ done, total })
      try {
        while (done < total && !cancel.current) {
          const chunk = Math.min(1_000, total - done)
          await step(chunk)
          done += chunk
          setProgress({ done, total })
        }
      } catch (e) {
        onError(e)
      } finally {
        setProgress(null)
      }
    },
    [step, onError],
  )

  return {
    playing,
    toggle: () => setPlaying((p) => !p),
    stop: () => setPlaying(false),
    speed,
    setSpeed,
    /** Clocks per second actually reached while playing; null until measured. */
    achieved,
    /** Whether play takes smaller steps or rests between them to keep the page's frames. */
    paced,
    runTo,
    progress,
    cancelRun: () => {
      cancel.current = true
    },
  }
}
