import { useEffect, useState } from 'react'
import type { LabClient } from '../../../shared/lab-bridge'

/** Why a run whose attackers have changed since it was recorded does not replay the same. */
export function olderWords(older: { recorded: number | null; current: number }): string {
  const recorded =
    older.recorded === null
      ? 'before attack versions were recorded'
      : `by attack engine version ${older.recorded}`
  return `: recorded ${recorded}, and today's attackers (version ${older.current}) act differently, so a mismatch is expected (see docs/attacks.md)`
}

/**
 * Verify: the run re-executed and compared event by event on the main side, with its progress,
 * a Cancel, and the verdict beside it.
 */
export function VerifyRun({ client, runId }: { client: LabClient; runId: number }) {
  const [verdict, setVerdict] = useState<string | null>(null)
  const [verifying, setVerifying] = useState(false)
  const [progress, setProgress] = useState<number | null>(null)
  useEffect(
    () =>
      client.subscribe('verify-progress', (p) => {
        if (p.runId === runId && p.total > 0) setProgress(Math.round((100 * p.done) / p.total))
      }),
    [client, runId],
  )
  const verify = () => {
    setVerdict(null)
    setProgress(null)
    setVerifying(true)
    client
      .verifyRun({ id: runId })
      .then(
        (v) =>
          setVerdict(
            v.identical
              ? `identical: ${v.events} events re-executed`
              : `diverges at event ${v.divergence.seq}${v.olderEngine ? olderWords(v.olderEngine) : ''}`,
          ),
        (e: unknown) => setVerdict(e instanceof Error ? e.message : String(e)),
      )
      .finally(() => setVerifying(false))
  }
  return (
    <>
      {verifying ? (
        <button onClick={() => void client.cancelVerify({ id: runId })}>
          Cancel verify {progress !== null && `${progress}%`}
        </button>
      ) : (
        <button onClick={verify}>Verify</button>
      )}
      {verdict && <span className="hint">{verdict}</span>}
    </>
  )
}
