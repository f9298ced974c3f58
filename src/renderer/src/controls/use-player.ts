import { useCallback, useEffect, useRef, useState } from 'react'
import { FrameGuard } from './frame-guard'
import { PlayClock } from './play-clock'

/**
 * Plays the clock: asks `step(n)` for the clocks due at `speed` clocks a second, never
 * overlapping calls (a slow answer is made up by a bigger next step, see PlayClock), and
 * measures the rate achieved. Where the page's frames fall below 30 a second, steps are made
 * smaller, then the lab is left idle for a while after each (see FrameGuard). Also runs to a target clock with progress and cancel. Stops on
 * the first error and reports it.
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

  useEffect(() => {
    if (!playing) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const clock = new PlayClock(speed, performance.now())
    const guard = new FrameGuard(performance.now())
    let frame = requestAnimationFrame(function count(at) {
      guard.frame(at)
      frame = requestAnimationFrame(count)
    })
    // The achieved rate is shown a few times a second, not on every step.
    const shown = setInterval(() => {
      setAchieved(clock.achieved(performance.now()))
      setPaced(guard.paced)
    }, 500)
    const tick = async () => {
      if (stopped) return
      const asked = performance.now()
      const clocks = clock.due(asked, guard.most)
      let reached: number
      try {
        reached = await step(clocks)
      } catch (e) {
        onError(e)
        setPlaying(false)
        return
      }
      if (stopped) return
      const now = performance.now()
      const took = now - asked
      const rest = guard.rest(took, now, clocks, document.visibilityState === 'visible')
      timer = setTimeout(
        () => void tick(),
        Math.max(rest, clock.record(clocks, now, took, reached)),
      )
    }
    void tick()
    return () => {
      stopped = true
      clearTimeout(timer)
      cancelAnimationFrame(frame)
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
    /** Whether the lab is left idle between steps to keep the page's frames (FrameGuard). */
    paced,
    runTo,
    progress,
    cancelRun: () => {
      cancel.current = true
    },
  }
}
