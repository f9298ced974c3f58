import { useEffect, useId, useRef, useState } from 'react'
import type { LabClient } from '../../../shared/lab-bridge'
import type { RunState } from '../../../shared/run-types'

// One page's scrubs are told apart from another page's: useId is unique within a page only.
const PAGE = Math.random().toString(36).slice(2, 10)

function isCancelled(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && e.code === 'cancelled'
}

/**
 * A saved run's state at the scrubbed clock, only `chainsOf`'s chain and tree in it (the view
 * shows one node's; all of them at 2,000 nodes are most of 7 MB). Scrubbing asks for clock after
 * clock and only the latest matters: every request names this view's scrub, so the main side
 * stops rebuilding a clock the next request replaced (that one answers `cancelled`), and an
 * answer to a request since replaced is dropped here.
 */
export function useReplayState(
  client: LabClient,
  runId: number,
  clock: number,
  chainsOf: string | null,
): { state: RunState | null; error: string | null } {
  const scrub = `${PAGE}-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`
  const [state, setState] = useState<RunState | null>(null)
  const [error, setError] = useState<string | null>(null)
  // The run and clock of the answer on show when it has every node's chain: it serves any node
  // at that clock. (Opening a run asks for all, not yet knowing the first node, then names it.)
  const whole = useRef<string | null>(null)
  useEffect(() => {
    if (chainsOf !== null && whole.current === `${runId}@${clock}`) return
    let current = true
    client
      .getRunState({ id: runId, clock, scrub, ...(chainsOf !== null ? { chainsOf } : {}) })
      .then(
        (s) => {
          if (!current) return
          whole.current = chainsOf === null ? `${runId}@${clock}` : null
          setState(s)
          setError(null)
        },
        (e: unknown) => {
          if (current && !isCancelled(e)) setError(String(e))
        },
      )
    return () => {
      current = false
    }
  }, [client, runId, clock, chainsOf, scrub])
  return { state, error }
}
