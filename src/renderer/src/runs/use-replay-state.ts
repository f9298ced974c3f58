import { useEffect, useId, useRef, useState } from 'react'
import type { SequencedEvent } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'
import type { RunState } from '../../../shared/run-types'

// One page's scrubs are told apart from another page's: useId is unique within a page only.
const PAGE = Math.random().toString(36).slice(2, 10)

/** The most messages one clock's animation draws. */
const MESSAGES_LIMIT = 2_000

const NO_MESSAGES: readonly SequencedEvent[] = []

function isCancelled(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && e.code === 'cancelled'
}

/** What the replay shows at a clock: the state, and the messages sent in that clock. */
export interface ReplayedClock {
  readonly state: RunState | null
  /** The messages sent at the state's clock, which the graph animates as the live view does. */
  readonly messages: readonly SequencedEvent[]
  readonly error: string | null
}

/**
 * A saved run's state at the scrubbed clock, only `chainsOf`'s chain and tree in it (the view
 * shows one node's; all of them at 2,000 nodes are most of 7 MB). Scrubbing asks for clock after
 * clock and only the latest matters: every request names this view's scrub, so the main side
 * stops rebuilding a clock the next request replaced (that one answers `cancelled`), and an
 * answer to a request since replaced is dropped here.
 *
 * The clock's messages come with its state, in one change: apart, each answer repainted the
 * graph (the state's looks, then the messages' busy links), and a 2,000-node graph drawn in
 * software takes 35-50 ms a repaint, so the clock waited for two repaints and showed a moment of
 * one clock's nodes with another clock's messages. A failed messages' read shows none.
 */
export function useReplayState(
  client: LabClient,
  runId: number,
  clock: number,
  chainsOf: string | null,
): ReplayedClock {
  const scrub = `${PAGE}-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`
  const [shown, setShown] = useState<Omit<ReplayedClock, 'error'>>({
    state: null,
    messages: NO_MESSAGES,
  })
  const [error, setError] = useState<string | null>(null)
  // The run and clock of the answer on show when it has every node's chain: it serves any node
  // at that clock. (Opening a run asks for all, not yet knowing the first node, then names it.)
  const whole = useRef<string | null>(null)
  // The messages on show and their clock: another node named at the same clock keeps them.
  const messagesOf = useRef<{ at: string; messages: readonly SequencedEvent[] } | null>(null)
  useEffect(() => {
    const at = `${runId}@${clock}`
    if (chainsOf !== null && whole.current === at) return
    let current = true
    const known = messagesOf.current?.at === at ? messagesOf.current.messages : null
    const messages =
      known ??
      client
        .getRunEvents({
          id: runId,
          from: clock,
          to: clock,
          kind: 'message.sent',
          limit: MESSAGES_LIMIT,
        })
        .then(
          (page): readonly SequencedEvent[] => page.events,
          () => NO_MESSAGES,
        )
    const state = client.getRunState({
      id: runId,
      clock,
      scrub,
      ...(chainsOf !== null ? { chainsOf } : {}),
    })
    Promise.all([state, messages]).then(
      ([s, m]) => {
        if (!current) return
        whole.current = chainsOf === null ? at : null
        messagesOf.current = { at, messages: m }
        setShown({ state: s, messages: m })
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
  return { ...shown, error }
}
