// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { HeldWhilePlaying } from '../../../src/renderer/src/live/HeldWhilePlaying'
import { drivenObserver } from '../driven-observer'

describe('a live panel while the clock plays', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  const panel = (playing: boolean, clock: number) => (
    <HeldWhilePlaying playing={playing} className="live-skippable">
      <p>clock {clock}</p>
    </HeldWhilePlaying>
  )
  const shown = () => screen.getByText(/^clock/).textContent

  it('is not rendered again while out of view, and catches up as it comes into view', () => {
    const scroll = drivenObserver()
    const { rerender } = render(panel(true, 1))
    scroll(true)
    rerender(panel(true, 2))
    expect(shown()).toBe('clock 2')
    scroll(false)
    rerender(panel(true, 3))
    rerender(panel(true, 4))
    expect(shown()).toBe('clock 2')
    scroll(true)
    expect(shown()).toBe('clock 4')
  })

  it('is current out of view once the clock stops, and stays so while paused', () => {
    const scroll = drivenObserver()
    const { rerender } = render(panel(true, 1))
    scroll(false)
    rerender(panel(true, 2))
    expect(shown()).toBe('clock 1')
    rerender(panel(false, 2))
    expect(shown()).toBe('clock 2')
    // A person's Step while paused: shown though the panel is out of view.
    rerender(panel(false, 3))
    expect(shown()).toBe('clock 3')
  })

  it('is rendered as usual until the browser first says whether it is in view', () => {
    drivenObserver()
    const { rerender } = render(panel(true, 1))
    rerender(panel(true, 2))
    expect(shown()).toBe('clock 2')
  })

  it('says it is behind while held, for a screenshot to wait for', () => {
    const scroll = drivenObserver()
    const { rerender, container } = render(panel(true, 1))
    const holder = container.firstElementChild as HTMLElement
    scroll(false)
    expect(holder.dataset['stale']).toBeUndefined()
    rerender(panel(true, 2))
    expect(holder.dataset['stale']).toBe('true')
    scroll(true)
    expect(holder.dataset['stale']).toBeUndefined()
  })

  it('is rendered as usual where the browser cannot say what is in view', () => {
    vi.stubGlobal('IntersectionObserver', undefined)
    const { rerender } = render(panel(true, 1))
    rerender(panel(true, 2))
    expect(shown()).toBe('clock 2')
  })

  it('keeps its class on the element that holds it, for the page layout', () => {
    render(panel(false, 1))
    expect(screen.getByText('clock 1').parentElement?.className).toBe('live-skippable')
  })
})
