// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useAfterPaint } from '../../../src/renderer/src/store/use-after-paint'

describe('a value shown after the next paint', () => {
  afterEach(() => vi.useRealTimers())

  it('shows a change only after a frame has been drawn, then the latest of several', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] })
    const { result, rerender } = renderHook(({ value }) => useAfterPaint(value), {
      initialProps: { value: 1 },
    })
    expect(result.current).toBe(1)
    rerender({ value: 2 })
    expect(result.current).toBe(1)
    rerender({ value: 3 })
    await act(async () => {
      await vi.advanceTimersToNextFrame()
    })
    // The frame is drawn; the value follows in the task queued from it.
    expect(result.current).toBe(1)
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1)
    })
    expect(result.current).toBe(3)
  })

  it('is not starved by a value that changes on every frame', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] })
    const { result, rerender } = renderHook(({ value }) => useAfterPaint(value), {
      initialProps: { value: 0 },
    })
    for (let i = 1; i <= 5; i++) {
      rerender({ value: i })
      await act(async () => {
        await vi.advanceTimersToNextFrame()
      })
    }
    // Shown while the changes still come, not only once they stop.
    expect(result.current).toBeGreaterThan(0)
  })
})
