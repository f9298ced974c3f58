import { useCallback, useEffect, useRef, useState } from 'react'

export const SPEEDS = [1, 2, 5, 10, 30, 100, 1000] as const

/**
 * Plays the clock: calls `step(n)` again and again at `speed` clocks a second, never overlapping
 * calls; fast speeds step several clocks per call. Also runs to a target clock with progress
 * and cancel. Stops on the first error and reports it.
 */
export function usePlayer(
  step: (clocks: number) => Promise<number>,
  onError: (e: unknown) => void,
) {
  const [playing, setPlaying] = useState(false)
  const [speed, setSpeed] = useState<number>(5)
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const cancel = useRef(false)

  useEffect(() => {
    if (!playing) return
    let stopped = false
    const perCall = Math.max(1, Math.round(speed / 30))
    const delay = (1000 * perCall) / speed
    const tick = async () => {
      while (!stopped) {
        const started = performance.now()
        try {
          await step(perCall)
        } catch (e) {
          onError(e)
          setPlaying(false)
          return
        }
        const wait = delay - (performance.now() - started)
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      }
    }
    void tick()
    return () => {
      stopped = true
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
    runTo,
    progress,
    cancelRun: () => {
      cancel.current = true
    },
  }
}
