// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { usePlayer } from '../../../src/renderer/src/controls/use-player'

/**
 * The player on a fake clock, its page drawing a frame every `frameMs` (a frame a tenth of a
 * second: a page far behind), its network answering each step in 5 ms. Returns the clocks each
 * step asked for.
 */
function player(frameMs: number) {
  vi.stubGlobal('requestAnimationFrame', (run: FrameRequestCallback) =>
    setTimeout(() => run(performance.now()), frameMs),
  )
  vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id))
  const asked: number[] = []
  let clock = 0
  const step = (clocks: number) => {
    asked.push(clocks)
    clock += clocks
    return new Promise<number>((resolve) => setTimeout(() => resolve(clock), 5))
  }
  const onError = vi.fn()
  const hook = renderHook(() => usePlayer(step, onError))
  return { hook, asked, onError }
}

const play = async (ms: number) => {
  await act(() => vi.advanceTimersByTimeAsync(ms))
}

describe('playing the clock (usePlayer)', () => {
  beforeEach(() => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'],
    })
  })
  afterEach(() => {
    cleanup()
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('takes fewer clocks a step when the page falls behind, and says it is paced', async () => {
    const { hook, asked } = player(100)
    act(() => hook.result.current.setSpeed(1000))
    act(() => hook.result.current.toggle())
    await play(6_000)
    expect(Math.max(...asked.slice(0, 5))).toBeGreaterThan(1)
    expect(asked.slice(-5)).toEqual([1, 1, 1, 1, 1])
    expect(hook.result.current.paced).toBe(true)
  })

  it('keeps what it learned of the page when the speed changes while playing', async () => {
    const { hook, asked } = player(100)
    act(() => hook.result.current.setSpeed(1000))
    act(() => hook.result.current.toggle())
    await play(6_000)
    const before = asked.length
    act(() => hook.result.current.setSpeed(2000))
    await play(200)
    // A new player's first step asks for ten clocks; this one stays at the page's limit.
    expect(asked.slice(before)).not.toHaveLength(0)
    expect(Math.max(...asked.slice(before))).toBe(1)
  })

  it('plays unpaced where the page keeps its frames', async () => {
    const { hook, asked } = player(1000 / 60)
    act(() => hook.result.current.setSpeed(1000))
    act(() => hook.result.current.toggle())
    await play(4_000)
    expect(hook.result.current.paced).toBe(false)
    expect(Math.max(...asked.slice(-5))).toBeGreaterThan(1)
  })

  it('leaves nothing running once paused or gone: no step, no frame watched', async () => {
    const { hook, asked } = player(1000 / 60)
    act(() => hook.result.current.toggle())
    await play(1_000)
    act(() => hook.result.current.toggle())
    await play(100)
    expect(vi.getTimerCount()).toBe(0)
    const steps = asked.length
    act(() => hook.result.current.toggle())
    await play(500)
    expect(asked.length).toBeGreaterThan(steps)
    hook.unmount()
    await play(100)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('reports no error of a step that failed after Pause', async () => {
    vi.stubGlobal('requestAnimationFrame', () => 0)
    vi.stubGlobal('cancelAnimationFrame', () => undefined)
    let fail: (e: Error) => void = () => undefined
    const step = () => new Promise<number>((_, reject) => (fail = reject))
    const onError = vi.fn()
    const { result } = renderHook(() => usePlayer(step, onError))
    act(() => result.current.toggle())
    act(() => result.current.toggle())
    await act(async () => fail(new Error('the lab stopped')))
    expect(onError).not.toHaveBeenCalled()
  })
})
