import { memo, useLayoutEffect, type ReactNode, type RefObject } from 'react'

/**
 * Its children as they were while not `visible` (its owner says when: out of view, and for the
 * live panels only while the clock plays), and as given once visible again. Only what comes from
 * above is held: the children's own state, effects and subscriptions go on as usual.
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
  // React compares with the props it last rendered, so these children are what is on screen.
  (before, after) => !after.visible || before.children === after.children,
)
