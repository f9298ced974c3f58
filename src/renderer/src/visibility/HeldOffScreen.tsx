import { memo, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react'

/**
 * Its children as they were while not `visible`, and as given once visible again. Only what comes
 * from above is held: the children's own state, effects and subscriptions go on as usual.
 */
const HeldOffScreen = memo(
  function HeldOffScreen({
    children,
    drawn,
  }: {
    visible: boolean
    children: ReactNode
    /** Told what it drew last, so that its owner can say whether it is behind. */
    drawn: RefObject<ReactNode>
  }) {
    useLayoutEffect(() => {
      drawn.current = children
    })
    return <>{children}</>
  },
  // React compares with the props it last rendered, so these children are what is on screen.
  (before, after) => !after.visible || before.children === after.children,
)

/**
 * `children` held while not `visible` (its owner says when: out of view, and for the live panels
 * only while the clock plays): `held` to render in their place, and whether what it shows is
 * `behind` what it was given (for a data-stale mark, which the screenshots wait for).
 */
export function useHeldOffScreen(
  visible: boolean,
  children: ReactNode,
): { held: ReactNode; behind: boolean } {
  const drawn = useRef<ReactNode>(null)
  return {
    held: (
      <HeldOffScreen visible={visible} drawn={drawn}>
        {children}
      </HeldOffScreen>
    ),
    behind: !visible && drawn.current !== children,
  }
}
