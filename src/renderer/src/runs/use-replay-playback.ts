import { useEffect, useState } from 'react'

/**
 * The replay's clock and its playback: playing moves the clock on `speed` times a second and
 * stops at the run's last clock.
 */
export function useReplayPlayback(lastClock: number) {
  const [clock, setClock] = useState(0)
  const [playing, setPlaying] = useState(false)
  const [speed, setSpeed] = useState(5)
  useEffect(() => {
    if (!playing) return
    const timer = setInterval(() => setClock((c) => (c >= lastClock ? c : c + 1)), 1_000 / speed)
    return () => clearInterval(timer)
  }, [playing, lastClock, speed])
  useEffect(() => {
    if (clock >= lastClock) setPlaying(false)
  }, [clock, lastClock])
  return { clock, setClock, playing, setPlaying, speed, setSpeed }
}
