import { useEffect, useState } from 'react'
import type { RecordingState } from '../../../shared/database-types'
import type { LabClient } from '../../../shared/lab-bridge'
import './recording-banner.css'

/**
 * Says, across the whole window, that runs are not being recorded and why (a full disk, a dead
 * writer thread), until recording resumes with the next network. Saved runs stay readable
 * meanwhile; only what happens now goes unrecorded.
 */
export function RecordingBanner({ client }: { client: LabClient }) {
  const [state, setState] = useState<RecordingState | null>(null)
  useEffect(() => {
    let live = true
    // The event may come first: the answer to the first ask then says nothing newer.
    let heard = false
    const off = client.subscribe('recording', (next) => {
      heard = true
      setState(next)
    })
    // Only the state: the network's overview (every node and link) is the live store's to fetch.
    void client.getRecording({}).then(
      (recording) => {
        if (live && !heard) setState(recording)
      },
      () => undefined,
    )
    return () => {
      live = false
      off()
    }
  }, [client])
  if (state?.state !== 'stopped') return null
  return (
    <div className="recording-banner" role="alert">
      <strong>Recording stopped</strong>: {state.reason}.{' '}
      {state.runId !== null ? `Run ${state.runId} is kept up to there (interrupted). ` : ''}
      Saved runs stay readable; recording starts again with the next network (Reset or Create) once
      the cause is gone.
    </div>
  )
}
