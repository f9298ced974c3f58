// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LabEvents } from '../../../src/shared/lab-events'
import type { LabClient } from '../../../src/shared/lab-bridge'
import { ExperimentsView } from '../../../src/renderer/src/experiments/ExperimentsView'
import { SweepSession } from '../../../src/renderer/src/experiments/sweep-session'
import { DEFAULT_SETTINGS, type SweepRow } from '../../../src/shared/sweep'

/** A client whose sweep finishes when the test says so, its progress sent by the test. */
function fakeClient(rows: SweepRow[] = []) {
  let progress: (p: LabEvents['sweep-progress']) => void = () => undefined
  let finish: () => void = () => undefined
  const runSweep = vi.fn(
    (_input: { sweep: unknown; queue?: string }) =>
      new Promise<{ sweepId: number; rows: SweepRow[]; runIds: null[] }>((resolve) => {
        finish = () => resolve({ sweepId: 7, rows, runIds: rows.map(() => null) })
      }),
  )
  const cancelSweep = vi.fn(async (_input: { id?: number }) => ({ cancelled: true }))
  const client = {
    runSweep,
    cancelSweep,
    subscribe: (_name: string, listener: typeof progress) => {
      progress = listener
      return () => undefined
    },
  } as unknown as LabClient
  return {
    client,
    runSweep,
    cancelSweep,
    send: (p: LabEvents['sweep-progress']) => progress(p),
    finish: () => finish(),
  }
}

describe('the Experiments tab', () => {
  afterEach(cleanup)

  it('sends a sweep to a queue and shows which worker ran which run', async () => {
    const { client, runSweep, send, finish } = fakeClient()
    const session = new SweepSession(client)
    session.start()
    render(<ExperimentsView session={session} />)
    await userEvent.type(screen.getByLabelText(/queue/), 'redis://127.0.0.1:6379')
    await userEvent.click(screen.getByRole('button', { name: 'Run sweep' }))
    expect(runSweep).toHaveBeenCalledWith(
      expect.objectContaining({ queue: 'redis://127.0.0.1:6379' }),
    )
    act(() => {
      send({ sweepId: 7, done: 1, total: 3, seconds: 1, index: 2, worker: 'lab-a:101' })
      send({ sweepId: 7, done: 2, total: 3, seconds: 2, index: 0, worker: 'lab-b:202' })
      send({ sweepId: 7, done: 3, total: 3, seconds: 3, index: 1, worker: 'lab-a:101' })
    })
    const table = screen.getByRole('table', { name: 'Runs by worker' })
    expect(table.textContent).toContain('lab-a:1012, 3')
    expect(table.textContent).toContain('lab-b:2021')
    await act(async () => finish())
  })

  it('runs on this machine when the queue is left empty', async () => {
    const { client, runSweep, finish } = fakeClient()
    render(<ExperimentsView session={new SweepSession(client)} />)
    await userEvent.click(screen.getByRole('button', { name: 'Run sweep' }))
    expect(runSweep.mock.calls[0]![0]).not.toHaveProperty('queue')
    expect(screen.queryByRole('table', { name: 'Runs by worker' })).toBeNull()
    await act(async () => finish())
  })

  it('cancels the sweep by the id its progress names', async () => {
    const { client, cancelSweep, send, finish } = fakeClient()
    const session = new SweepSession(client)
    session.start()
    render(<ExperimentsView session={session} />)
    await userEvent.click(screen.getByRole('button', { name: 'Run sweep' }))
    act(() => send({ sweepId: 7, done: 0, total: 0, seconds: 0 }))
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(cancelSweep).toHaveBeenCalledWith({ id: 7 })
    await act(async () => finish())
  })

  it('shows a double spend’s success with its interval beside the exact chance and Nakamoto’s', async () => {
    // As the browser's JSON transport brings it: NaN becomes null.
    const none = { mean: null, ci95: null } as unknown as { mean: number; ci95: number }
    const row: SweepRow = {
      settings: { ...DEFAULT_SETTINGS, doubleSpendPower: 0.3, confirmations: 2 },
      seeds: 1,
      staleRate: none,
      forkRate: none,
      predictedForkRate: null,
      blockTo90: none,
      throughput: none,
      clocksPerSecond: 1,
      revenueShare: none,
      predictedRevenueShare: null,
      doubleSpend: {
        trials: 200,
        undecided: 0,
        successes: 45,
        published: 46,
        successRate: 0.225,
        ci95: [0.173, 0.287],
        predicted: 0.233,
        nakamoto: 0.4457,
      },
    }
    const { client, finish } = fakeClient([row])
    const session = new SweepSession(client)
    session.setText(JSON.stringify({ vary: { doubleSpendPower: [0.3] }, seeds: [1] }))
    render(<ExperimentsView session={session} />)
    await userEvent.click(screen.getByRole('button', { name: 'Run sweep' }))
    await act(async () => finish())
    const cells = [...screen.getAllByRole('row')[1]!.querySelectorAll('td')].map(
      (td) => td.textContent,
    )
    // Attempts, not clocks: no stale rate, fork rate or spread for a sweep of double spends only.
    expect(cells).toEqual(['0.3', '1', '22.50 % (17.30 % – 28.70 %) of 200', '23.30 %', '44.57 %'])
    expect((screen.getByLabelText('metric') as HTMLSelectElement).value).toBe('successRate')
    expect(screen.queryByRole('columnheader', { name: /stale rate/ })).toBeNull()
  })
})
