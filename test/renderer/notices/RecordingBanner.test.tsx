// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { RecordingState } from '../../../src/shared/database-types'
import type { LabClient } from '../../../src/shared/lab-bridge'
import { RecordingBanner } from '../../../src/renderer/src/notices/RecordingBanner'

/**
 * A client whose recording is `initial`, and whose `recording` events the test sends. Asking for
 * the whole network fails the test: a 2,000-node overview is not the banner's to fetch.
 */
function fakeClient(initial: RecordingState) {
  let send: (state: RecordingState) => void = () => undefined
  const client = {
    getRecording: async () => initial,
    getNetwork: async () => {
      throw new Error('the banner asked for the whole network')
    },
    subscribe: (name: string, listener: typeof send) => {
      if (name === 'recording') send = listener
      return () => undefined
    },
  } as unknown as LabClient
  return { client, send: (state: RecordingState) => send(state) }
}

const recording: RecordingState = { state: 'recording', file: '/tmp/runs.sqlite', runId: 3 }
const stopped: RecordingState = {
  state: 'stopped',
  file: '/tmp/runs.sqlite',
  reason: 'writing run rows failed: database or disk is full',
  since: '2026-01-01T00:00:00.000Z',
  runId: 3,
}

describe('the recording banner', () => {
  afterEach(cleanup)

  it('says nothing while the lab records', async () => {
    render(<RecordingBanner client={fakeClient(recording).client} />)
    await act(async () => undefined)
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('says recording stopped and why, from the first answer, until it resumes', async () => {
    const { client, send } = fakeClient(stopped)
    render(<RecordingBanner client={client} />)
    const banner = await screen.findByRole('alert')
    expect(banner.textContent).toContain('Recording stopped')
    expect(banner.textContent).toContain('database or disk is full')
    expect(banner.textContent).toContain('Run 3 is kept up to there')
    act(() => send(recording))
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('appears the moment the event stream says recording stopped', async () => {
    const { client, send } = fakeClient(recording)
    render(<RecordingBanner client={client} />)
    await act(async () => undefined)
    act(() => send({ ...stopped, reason: 'the writer thread exited with code 1', runId: null }))
    const banner = screen.getByRole('alert')
    expect(banner.textContent).toContain('the writer thread exited with code 1')
    expect(banner.textContent).not.toContain('Run ')
  })
})
