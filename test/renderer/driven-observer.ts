import { act } from '@testing-library/react'
import { vi } from 'vitest'

/**
 * An IntersectionObserver the test drives: `scroll(true)` puts everything observed in view at
 * once, `scroll(false)` out of it. (happy-dom's own never reports.) Undo with
 * vi.unstubAllGlobals().
 */
export function drivenObserver(): (inView: boolean) => void {
  const observers: ((entries: { isIntersecting: boolean }[]) => void)[] = []
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(callback: (entries: { isIntersecting: boolean }[]) => void) {
        observers.push(callback)
      }
      observe() {}
      disconnect() {}
    },
  )
  return (inView: boolean) =>
    act(() => observers.forEach((tell) => tell([{ isIntersecting: inView }])))
}
