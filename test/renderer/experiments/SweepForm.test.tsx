// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { sweepCsv } from '../../../src/renderer/src/experiments/sweep-csv'
import { PRESETS, SweepForm } from '../../../src/renderer/src/experiments/SweepForm'
import { DEFAULT_SETTINGS, type SweepRow } from '../../../src/shared/sweep'

let latest = ''
function Form() {
  const [text, setText] = useState(JSON.stringify(PRESETS[0]!.sweep))
  latest = text
  return <SweepForm text={text} onChange={setText} />
}

describe('the sweep form', () => {
  afterEach(cleanup)

  it('writes the same sweep the raw JSON holds, and counts its experiments', async () => {
    render(<Form />)
    expect(screen.getByTestId('sweep-size').textContent).toBe(
      '24 experiments, each recorded as a run.',
    )
    await userEvent.clear(screen.getByLabelText('values of latency'))
    await userEvent.type(screen.getByLabelText('values of latency'), '0, 5')
    await userEvent.clear(screen.getByLabelText('seeds'))
    await userEvent.type(screen.getByLabelText('seeds'), '7')
    expect(JSON.parse(latest)).toMatchObject({
      vary: { latency: [0, 5], interval: [30, 60] },
      seeds: [7],
    })
    expect(screen.getByTestId('sweep-size').textContent).toMatch(/^4 experiments/)
  })

  it('loads a preset', async () => {
    render(<Form />)
    await userEvent.selectOptions(screen.getByLabelText(/preset/), 'Topologies compared')
    expect(JSON.parse(latest)).toEqual(PRESETS[2]!.sweep)
  })

  it('says what to fix, and where', async () => {
    render(<Form />)
    await userEvent.clear(screen.getByLabelText('seeds'))
    await userEvent.type(screen.getByLabelText(/^nodes/), 'x')
    const issues = screen.getByRole('alert', { name: 'What to fix' }).textContent
    expect(issues).toMatch(/base\.nodes: /)
    expect(issues).toMatch(/seeds: /)
    expect(screen.queryByTestId('sweep-size')).toBeNull()
  })
})

describe("a sweep's results as CSV", () => {
  it('has every setting and each metric with its interval, one row per setting', () => {
    const estimate = (mean: number) => ({ mean, ci95: mean / 10 })
    const row: SweepRow = {
      settings: { ...DEFAULT_SETTINGS, topology: 'random:8', latency: 2 },
      seeds: 3,
      staleRate: estimate(0.05),
      forkRate: estimate(0.1),
      predictedForkRate: null,
      blockTo90: estimate(4),
      throughput: estimate(1),
      clocksPerSecond: 1000,
    }
    const [head, line] = sweepCsv([row]).trimEnd().split('\n')
    expect(head).toBe(
      'nodes,topology,latency,latencySpread,interval,txRate,accounts,clocks,difficulty,seeds,' +
        'stale_rate,stale_rate_ci95,fork_rate,fork_rate_ci95,predicted_fork_rate,' +
        'block_to_90_clocks,block_to_90_ci95,throughput,throughput_ci95',
    )
    expect(line).toBe('100,random:8,2,0,100,0,20,10000,8,3,0.05,0.005,0.1,0.01,,4,0.4,1,0.1')
  })
})
