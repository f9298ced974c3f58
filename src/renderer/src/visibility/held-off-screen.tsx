import { memo, useEffect, useLayoutEffect, useState, type ReactNode, type RefObject } from 'react'

/**
 * Whether an element is on screen: null until the browser first says (after the element's first
 * layout), true where it cannot tell.
 */
export function useOnScreen(ref: RefObject<Element | null>): boolean | null {
  const [visible, setVisible] = useState<boolean | null>(() =>
    typeof IntersectionObserver === 'undefined' ? true : null,
  )
  useEffect(() => {
    const element = ref.current
    if (!element || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver((entries) =>
      setVisible(entries.some((e) => e.isIntersecting)),
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])
  return visible
}

/**
 * Its children as they were while not `visible`: what is out of view is not rendered again
 * while the page is busy, and catches up when it comes back into view.
 */
export const HeldOffScreen = memo(
  function HeldOffScreen({
    children,
    drawn,
  }: {
    visible: boolean
    children: ReactNode
    /** Told what it drew last, so that its owner can say whether it is behind. */
    drawn?: RefObject<ReactNode>
  }) {
    useLayoutEffect(() => {
      if (drawn) drawn.current = children
    })
    return <>{children}</>
  },
  (before, after) =>
    !after.visible || (before.visible === after.visible && before.children === after.children),
)
