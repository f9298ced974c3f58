import { useEffect, useState } from 'react'
import type { SequencedEvent } from '../../../shared/api-types'
import { short } from './log-entries'
import './event-log.css'

/** How long the notice stays, in milliseconds. */
export const NOTICE_MS = 8_000

/**
 * A short notice on the live view when a node reorganises: the moment a fork resolves is easy to
 * miss in the graph, so it is said in words (the log keeps every one).
 */
export function ReorgNotice({ reorg }: { reorg: SequencedEvent | null }) {
  const [shown, setShown] = useState<SequencedEvent | null>(null)
  useEffect(() => {
    // None: a new network or a reset began, and the last one's reorganisation is not its news.
    setShown(reorg)
    if (!reorg) return
    const timer = setTimeout(() => setShown(null), NOTICE_MS)
    return () => clearTimeout(timer)
  }, [reorg])
  if (!shown || shown.kind !== 'chain.reorg') return null
  return (
    <p className="notice reorg-notice" role="status">
      <strong>Reorganisation</strong> at clock {shown.clock}: {shown.node} switched to a longer
      chain, {shown.depth} block{shown.depth === 1 ? '' : 's'} deep (tip {short(shown.oldTip)} →{' '}
      {short(shown.newTip)}). The fork is resolved for {shown.node}.
      <button aria-label="dismiss the notice" onClick={() => setShown(null)}>
        ×
      </button>
    </p>
  )
}
