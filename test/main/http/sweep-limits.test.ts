import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LAB_LIMITS } from '../../../src/shared/limits'
import { startTestLab, type TestLab } from '../../support/lab'

describe('a sweep is held to its limits before any run starts', () => {
  let lab: TestLab
  beforeAll(async () => {
    lab = await startTestLab()
  })
  afterAll(() => lab.close())

  const refusal = async (sweep: unknown) => {
    const answer = await lab.lab('/api/sweeps', { body: { sweep } })
    expect(answer.status).toBe(400)
    return (answer.body as { error: { code: string; message: string } }).error
  }

  it('refuses 8 settings × 10 values (10^8 runs), naming the runs-per-sweep limit', async () => {
    const ten = (from: number) => Array.from({ length: 10 }, (_, i) => from + i)
    const vary = {
      nodes: ten(2),
      latency: ten(0),
      latencySpread: ten(0),
      interval: ten(10),
      txRate: ten(0),
      accounts: ten(2),
      clocks: ten(100),
      difficulty: ten(0),
    }
    const error = await refusal({ vary, seeds: [1] })
    expect(error.code).toBe('invalid-body')
    expect(error.message).toContain(
      `the sweep makes 100000000 runs, over the limit of ${LAB_LIMITS.runsPerSweep} (x-limits.runsPerSweep in /openapi.json) runs per sweep`,
    )
  })

  it('refuses a run of more clocks than the limit, in the base or among the varied values', async () => {
    const base = await refusal({ base: { clocks: 1e12 }, vary: {}, seeds: [1] })
    expect(base.message).toMatch(/clocks/)
    expect(base.message).toContain(String(LAB_LIMITS.clocksPerRun))
    const varied = await refusal({ vary: { clocks: [100, 1e12] }, seeds: [1] })
    expect(varied.message).toMatch(/vary\.clocks\.1/)
    expect(varied.message).toContain(String(LAB_LIMITS.clocksPerRun))
  })

  it('refuses a varied name that is no setting', async () => {
    expect((await refusal({ vary: { colour: [1] }, seeds: [1] })).message).toMatch(
      /colour is no setting/,
    )
  })

  it('publishes the limits in /openapi.json', async () => {
    const doc = JSON.stringify((await lab.lab('/openapi.json')).body)
    expect(doc).toContain(JSON.stringify({ 'x-limits': LAB_LIMITS }).slice(1, -1))
  })
})
