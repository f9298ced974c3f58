// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import type { LabClient } from '../../../src/shared/lab-bridge'
import type { VerifyResult } from '../../../src/shared/run-types'
import { VerifyRun } from '../../../src/renderer/src/runs/VerifyRun'

function clientAnswering(result: VerifyResult): LabClient {
  return {
    subscribe: () => () => {},
    verifyRun: () => Promise.resolve(result),
    cancelVerify: () => Promise.resolve(),
  } as unknown as LabClient
}

const mismatch = {
  identical: false,
  events: 9,
  divergence: { seq: 10, command: 3, recorded: null, replayed: null },
} as const

describe('the verify verdict', () => {
  afterEach(cleanup)

  it('says a mismatch of a run recorded by older attackers is expected, with both versions', async () => {
    render(
      <VerifyRun
        client={clientAnswering({ ...mismatch, olderEngine: { recorded: 2, current: 3 } })}
        runId={1}
      />,
    )
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }))
    expect(
      await screen.findByText(
        /diverges at event 10: recorded by attack engine version 2, and today's attackers \(version 3\) act differently/,
      ),
    ).toBeTruthy()
  })

  it('names runs from before versions were recorded', async () => {
    render(
      <VerifyRun
        client={clientAnswering({ ...mismatch, olderEngine: { recorded: null, current: 3 } })}
        runId={1}
      />,
    )
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }))
    expect(await screen.findByText(/recorded before attack versions were recorded/)).toBeTruthy()
  })

  it('reports a bare mismatch otherwise', async () => {
    render(<VerifyRun client={clientAnswering(mismatch)} runId={1} />)
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }))
    expect((await screen.findByText(/diverges at event 10/)).textContent).toBe(
      'diverges at event 10',
    )
  })
})
