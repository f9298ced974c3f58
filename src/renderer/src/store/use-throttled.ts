import { useEffect, useRef, useState } from 'react'

/**
 * `value`, changing at most once every `ms`: the first change after a quiet spell shows at once
 * (a Step), a stream of changes (playing) shows every `ms`, and the last one always shows.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value)
  const last = useRef(0)
  useEffect(() => {
    const wait = last.current + ms - performance.now()
    if (wait <= 0) {
      last.current = performance.now()
      setShown(value)
      return
    }
    const timer = setTimeout(() => {
      last.current = performance.now()
      setShown(value)
    }, wait)
    return () => clearTimeout(timer)
  }, [value, ms])
  return shown
}
