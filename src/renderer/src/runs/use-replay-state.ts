import { useEffect, useId, useRef, useState } from 'react'
import type { LinkSummary, SequencedEvent } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'
import type { RunState } from '../../../shared/run-types'
import { replayLinks } from './replay-graph'

// One page's scrubs are told apart from another page's: useId is unique within a page only.
const PAGE = Math.random().toString(36).slice(2, 10)

/** The most messages one clock's animation draws. */
const MESSAGES_LIMIT = 2_000

const NO_MESSAGES: readonly SequencedEvent[] = []
const NO_LINKS: readonly LinkSummary[] = []

function isCancelled(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && e.code === 'cancelled'
}

/** What the replay shows at a clock: the state, and the messages sent in that clock. */
export interface ReplayedClock {
  /** Every node's peers in it, also when the answer left them out (`samePeers`). */
  readonly state: RunState | null
  /**
   * The state's links, each once, as the graph draws them: the same array from clock to clock
   * while they do not change, so the graph compares only the busy ones (see syncGraph).
   */
  readonly links: readonly LinkSummary[]
  /** The messages sent at the state's clock, which the graph animates as the live view does. */
  readonly messages: readonly SequencedEvent[]
  readonly error: string | null
}

/**
 * An answer without peers (`samePeers`) given the peers of the state held, whose links it said
 * are the same: the same nodes in the same order, each with the same peers.
 */
export function withPeersOf(answer: RunState, held: RunState | null): RunState {
  if (!answer.samePeers) return answer
  if (!held || held.links !== answer.links || held.nodes.length !== answer.nodes.length)
    throw new Error(`the state at clock ${answer.clock} came without the peers held`)
  const { samePeers: _, ...state } = answer
  return { ...state, nodes: answer.nodes.map((n, i) => ({ ...n, peers: held.nodes[i]!.peers })) }
}

/**
 * A saved run's state at the scrubbed clock, only `chainsOf`'s chain and tree in it (the view
 * shows one node's; all of them at 2,000 nodes are most of 7 MB), and without the peers while
 * the links are those of the state on show (each request names them: at 2,000 nodes the peers
 * are 59 % of the 1.1 MB answer, which the lab wrote and the page read and parsed every clock).
 * Scrubbing asks for clock after clock and only the latest matters: every request names this
 * view's scrub, so the main side stops rebuilding a clock the next request replaced (that one
 * answers `cancelled`), and an answer to a request since replaced is dropped here.
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
    links: NO_LINKS,
    messages: NO_MESSAGES,
  })
  // The state and links on show: their peers complete the answers that leave them out.
  const held = useRef<Omit<ReplayedClock, 'error' | 'messages'>>(shown)
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
    const holding = held.current.state?.runId === runId ? held.current : null
    const state = client.getRunState({
      id: runId,
      clock,
      scrub,
      ...(chainsOf !== null ? { chainsOf } : {}),
      ...(holding?.state ? { links: holding.state.links } : {}),
    })
    Promise.all([state, messages]).then(
      ([answer, m]) => {
        if (!current) return
        let s: RunState
        try {
          s = withPeersOf(answer, holding?.state ?? null)
        } catch (e) {
          setError(String(e))
          return
        }
        const links = holding?.state?.links === s.links ? holding.links : replayLinks(s)
        whole.current = chainsOf === null ? at : null
        messagesOf.current = { at, messages: m }
        held.current = { state: s, links }
        setShown({ state: s, links, messages: m })
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
