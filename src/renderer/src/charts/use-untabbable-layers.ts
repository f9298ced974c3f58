import { useEffect, type RefObject } from 'react'

/** Recharts 3 draws each z-index layer into a `<g>` that React treats as a portal's container. */
const LAYERS = 'g[class*="recharts-zIndex-layer"]:not([tabindex])'

/**
 * Keeps a chart one tab stop. React listens for focusin on every portal container, and Chromium
 * makes an SVG element with focus listeners focusable: Tab stopped on each of recharts' z-index
 * layers (four or five a chart). tabindex="-1" takes them out of the tab order; they were never
 * meant to be focused.
 */
export function useUntabbableLayers(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const mark = () => {
      for (const layer of element.querySelectorAll(LAYERS)) layer.setAttribute('tabindex', '-1')
    }
    mark()
    // Layers come and go as the chart draws (off screen, a chart holds its drawing back).
    const observer = new MutationObserver(mark)
    observer.observe(element, { childList: true, subtree: true })
    return () => observer.disconnect()
  }, [ref])
}
