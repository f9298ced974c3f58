import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LabEvents } from '../../../src/shared/lab-events'
import type { Sweep } from '../../../src/shared/sweep'
import { startTestLab, type TestLab } from '../../support/lab'

/** Long enough to cancel: each run is a million clocks of a 20-node network. */
const sweep: Sweep = {
  base: { nodes: 20, topology: 'ring', clocks: 1_000_000, interval: 10, difficulty: 1 },
  vary: { latency: [0, 1] },
  seeds: [1, 2],
}

describe('a sweep is cancelled by its id', () => {
  let lab: TestLab
  beforeAll(async () => {
    lab = await startTestLab()
  })
  afterAll(() => lab.close())

  /** Starts the sweep; resolves with its id (from its first progress event) and its answer. */
  async function startSweep() {
    const first = new Promise<LabEvents['sweep-progress']>((resolve) => {
      const off = lab.app.service.bus.on('sweep-progress', (progress) => {
        off()
        resolve(progress)
      })
    })
    const answer = lab.lab('/api/sweeps', { body: { sweep } })
    return { id: (await first).sweepId, answer }
  }

  it('names its id as it starts, and stops on POST /api/sweeps/:id/cancel', async () => {
    const { id, answer } = await startSweep()
    expect((await lab.lab(`/api/sweeps/${id + 1}/cancel`, { method: 'POST' })).body).toEqual({
      cancelled: false,
    })
    expect((await lab.lab(`/api/sweeps/${id}/cancel`, { method: 'POST' })).body).toEqual({
      cancelled: true,
    })
    expect(await answer).toMatchObject({
      status: 409,
      body: { error: { code: 'cancelled', message: 'the sweep was cancelled' } },
    })
    expect((await lab.lab(`/api/sweeps/${id}/cancel`, { method: 'POST' })).body).toEqual({
      cancelled: false,
    })
  }, 60_000)

  it('still stops whichever sweep runs on POST /api/sweeps/cancel', async () => {
    const { answer } = await startSweep()
    expect((await lab.lab('/api/sweeps/cancel', { method: 'POST' })).body).toEqual({
      cancelled: true,
    })
    expect((await answer).status).toBe(409)
  }, 60_000)

  it('refuses an id that is not a plain decimal integer', async () => {
    expect((await lab.lab('/api/sweeps/0x1/cancel', { method: 'POST' })).status).toBe(400)
  })

  it('documents both routes in /openapi.json', async () => {
    const { paths } = (await lab.lab('/openapi.json')).body as { paths: Record<string, unknown> }
    expect(paths).toHaveProperty(['/api/sweeps/{id}/cancel', 'post'])
    expect(paths).toHaveProperty(
      ['/api/sweeps/cancel', 'post', 'summary'],
      'Alias of /api/sweeps/:id/cancel',
    )
  })
})
