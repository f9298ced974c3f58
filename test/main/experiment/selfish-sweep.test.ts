import { describe, expect, it } from 'vitest'
import { selfishRevenue } from '../../../src/core/attack/attack-theory'
import { runSweep } from '../../../src/main/experiment/run-sweep'
import { configOf, sweepCsv, DEFAULT_SETTINGS, type Sweep } from '../../../src/shared/sweep'

describe('a sweep over a selfish miner’s hash share', () => {
  it('leaves the network honest at selfishPower 0, and makes node1 selfish above it', () => {
    expect('attack' in configOf(DEFAULT_SETTINGS, 1)).toBe(false)
    expect(configOf({ ...DEFAULT_SETTINGS, selfishPower: 0.3 }, 1).attack).toMatchObject({
      kind: 'selfish',
      attackers: ['node1'],
      share: 0.3,
    })
  })

  it('measures the revenue per α across seeds, beside Eyal and Sirer’s R at the measured γ', async () => {
    const sweep: Sweep = {
      base: { nodes: 6, topology: 'mesh', interval: 20, clocks: 4_000, difficulty: 1 },
      vary: { selfishPower: [0, 0.4] },
      seeds: [1, 2],
    }
    const { rows } = await runSweep(sweep, { parallel: 2, db: null, appVersion: 'test' })
    const [honest, selfish] = rows
    expect(honest?.predictedRevenueShare).toBeNull()
    expect(honest?.revenueShare.mean).toBeNaN()
    expect(selfish?.revenueShare.mean).toBeGreaterThan(0.2)
    // γ is 0 in a mesh with no latency: honest nodes all see the honest block first.
    expect(selfish?.predictedRevenueShare).toBeCloseTo(selfishRevenue(0.4, 0), 6)
    const csv = sweepCsv(rows).trim().split('\n')
    expect(csv[0]).toContain(
      'selfish_power,revenue_share,revenue_share_ci95,predicted_revenue_share',
    )
    expect(csv[1]?.endsWith(',0,,,,0,2,,,,,,,')).toBe(true)
  })
})
