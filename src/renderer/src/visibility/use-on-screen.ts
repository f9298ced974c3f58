import { useEffect, useState, type RefObject } from 'react'

/**
 * Whether an element is on screen, or within `margin` of it (a CSS margin, as
 * IntersectionObserver's rootMargin): null until the browser first says (after the element's
 * first layout), true where it cannot tell.
 */
export function useOnScreen(ref: RefObject<Element | null>, margin?: string): boolean | null {
  const [visible, setVisible] = useState<boolean | null>(() =>
    typeof IntersectionObserver === 'undefined' ? true : null,
  )
  useEffect(() => {
    const element = ref.current
    if (!element || typeof IntersectionObserver === 'undefined') return
    // The latest entry: a batch may hold the element's coming into view and its leaving.
    const observer = new IntersectionObserver(
      (entries) => setVisible(entries[entries.length - 1]?.isIntersecting ?? false),
      margin ? { rootMargin: margin } : {},
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref, margin])
  return visible
}
