import { describe, expect, it } from 'vitest'
import { doubleSpendSuccess, nakamotoSuccess } from '../../../src/core/attack/attack-theory'
import { runSweep } from '../../../src/main/experiment/run-sweep'
import { trialSeed } from '../../../src/main/experiment/run-sweep-job'
import { LAB_LIMITS } from '../../../src/shared/limits'
import {
  configOf,
  DEFAULT_SETTINGS,
  sweepCsv,
  sweepSchema,
  type Sweep,
} from '../../../src/shared/sweep'

const issues = (sweep: unknown) => {
  const parsed = sweepSchema.safeParse(sweep)
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message)
}

describe('a sweep over a double spend’s q and z', () => {
  it('makes node1 a double spender against node2 when doubleSpendPower is above 0', () => {
    expect('attack' in configOf(DEFAULT_SETTINGS, 1)).toBe(false)
    expect(
      configOf({ ...DEFAULT_SETTINGS, doubleSpendPower: 0.3, confirmations: 6 }, 1).attack,
    ).toMatchObject({ kind: 'double-spend', attackers: ['node1'], share: 0.3, confirmations: 6 })
  })

  it('refuses trials and confirmations over the lab’s limits, and two attacks at once', () => {
    const sweep = { vary: { doubleSpendPower: [0.3] }, seeds: [1] }
    expect(issues({ ...sweep, base: { trials: LAB_LIMITS.trialsPerRun + 1 } })).toEqual([
      `over the limit of ${LAB_LIMITS.trialsPerRun} (x-limits.trialsPerRun in /openapi.json)`,
    ])
    expect(issues({ ...sweep, vary: { ...sweep.vary, confirmations: [2, 101] } })).toEqual([
      'over the limit of 100 (x-limits.confirmations in /openapi.json)',
    ])
    expect(issues({ ...sweep, base: { trials: 0 } })).toHaveLength(1)
    expect(issues({ ...sweep, base: { selfishPower: 0.3 } })).toEqual([
      'a sweep runs one attack: selfishPower or doubleSpendPower, not both',
    ])
    expect(issues({ ...sweep, vary: { doubleSpendPower: [1] } })).toHaveLength(1)
  })

  it('gives every run trials of its own: no two seeds or settings share an attempt', () => {
    const at = (doubleSpendPower: number, confirmations: number, seed: number) =>
      trialSeed({ ...DEFAULT_SETTINGS, doubleSpendPower, confirmations }, seed)
    const firsts = [at(0.3, 2, 1), at(0.3, 2, 2), at(0.4, 2, 1), at(0.3, 6, 1)]
    for (const a of firsts)
      for (const b of firsts) if (a !== b) expect(Math.abs(a - b)).toBeGreaterThan(10_000)
    expect(at(0.3, 2, 1)).toBe(at(0.3, 2, 1))
  })

  it('pools each setting’s attempts across seeds, beside the exact and Nakamoto’s values', async () => {
    const sweep: Sweep = {
      base: { nodes: 4, topology: 'mesh', interval: 40, difficulty: 1, trials: 30 },
      vary: { doubleSpendPower: [0.2, 0.45], confirmations: [1] },
      seeds: [1, 2],
    }
    const { rows, results } = await runSweep(sweepSchema.parse(sweep), {
      parallel: 2,
      db: null,
      appVersion: 'test',
    })
    expect(results.map((r) => r.runId)).toEqual([null, null, null, null])
    const [low, high] = rows
    expect(low?.doubleSpend).toMatchObject({
      trials: 60,
      predicted: doubleSpendSuccess(0.2, 1),
      nakamoto: nakamotoSuccess(0.2, 1),
    })
    const rate = (r: typeof low) => r?.doubleSpend?.successRate ?? NaN
    expect(rate(high)).toBeGreaterThan(rate(low))
    expect(low?.doubleSpend?.published).toBeGreaterThanOrEqual(low?.doubleSpend?.successes ?? 0)
    // A double spend's row has no clocked run to measure forks in.
    expect(low?.staleRate.mean).toBeNaN()
    const csv = sweepCsv(rows).trim().split('\n')
    expect(csv[0]).toContain(
      'double_spend_power,confirmations,trials,undecided,success_rate,success_ci95_low,success_ci95_high,predicted_success,nakamoto_success',
    )
    expect(csv[1]).toMatch(/^4,mesh,0,0,40,0,10000,2,,,,,,,,0,,,,0\.2,1,60,0,/)
  })
})
