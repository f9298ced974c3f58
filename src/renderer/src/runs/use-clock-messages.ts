import { useEffect, useState } from 'react'
import type { SequencedEvent } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'

/** The most messages one clock's animation draws. */
const LIMIT = 2_000

/**
 * The messages sent at the scrubbed clock of a saved run, for the graph to animate as the live
 * view does. A newer clock supersedes a slower answer.
 */
export function useClockMessages(
  client: LabClient,
  runId: number,
  clock: number,
): readonly SequencedEvent[] {
  const [messages, setMessages] = useState<readonly SequencedEvent[]>([])
  useEffect(() => {
    let live = true
    client
      .getRunEvents({ id: runId, from: clock, to: clock, kind: 'message.sent', limit: LIMIT })
      .then(
        (page) => live && setMessages(page.events),
        () => live && setMessages([]),
      )
    return () => {
      live = false
    }
  }, [client, runId, clock])
  return messages
}
