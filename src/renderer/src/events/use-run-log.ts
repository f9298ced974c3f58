import { useEffect, useState } from 'react'
import type { Block, SequencedEvent } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'
import { LOGGED_DROP_REASONS, LOGGED_EVENT_KINDS, logKindOf } from './log-entries'

/** Events per request: the most the route gives at once. */
const PAGE = 10_000

export interface RunLog {
  readonly entries: readonly SequencedEvent[]
  /** Grows with each page loaded. */
  readonly version: number
  readonly done: boolean
  /** Every block mined in the run, whole (block.mined carries it): details for stale blocks too. */
  readonly blocks: ReadonlyMap<string, Block>
  readonly error: string | null
}

/**
 * A saved run's event log, loaded page after page (only the kinds the log shows, asked for in
 * one query) so the first entries show while the rest arrive. `runId` null: not yet (a replay
 * loads its log once its first state is shown, not in the way of it).
 */
export function useRunLog(client: LabClient, runId: number | null): RunLog {
  const [log, setLog] = useState<RunLog>(() => empty())
  useEffect(() => {
    if (runId === null) return
    let live = true
    const entries: SequencedEvent[] = []
    const blocks = new Map<string, Block>()
    setLog(empty())
    const load = async (cursor: number | undefined, version: number): Promise<void> => {
      const page = await client.getRunEvents({
        id: runId,
        kind: LOGGED_EVENT_KINDS.join(','),
        dropped: LOGGED_DROP_REASONS.join(','),
        limit: PAGE,
        ...(cursor === undefined ? {} : { cursor }),
      })
      if (!live) return
      for (const event of page.events) {
        if (event.kind === 'block.mined') blocks.set(event.block.hash, event.block)
        if (logKindOf(event) !== null) entries.push(event)
      }
      setLog({ entries, version, done: page.next === null, blocks, error: null })
      if (page.next !== null) await load(page.next, version + 1)
    }
    load(undefined, 1).catch(
      (e: unknown) =>
        live &&
        setLog((now) => ({
          ...now,
          done: true,
          error: e instanceof Error ? e.message : String(e),
        })),
    )
    return () => {
      live = false
    }
  }, [client, runId])
  return log
}

function empty(): RunLog {
  return { entries: [], version: 0, done: false, blocks: new Map(), error: null }
}
