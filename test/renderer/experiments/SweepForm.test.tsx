// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { PRESETS, SweepForm } from '../../../src/renderer/src/experiments/SweepForm'

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

  it('loads the double-spend preset: q × z, whose runs are attempts rather than recorded runs', async () => {
    render(<Form />)
    await userEvent.selectOptions(
      screen.getByLabelText(/preset/),
      'Double spend: success against hash share and confirmations',
    )
    expect(JSON.parse(latest)).toMatchObject({
      vary: { doubleSpendPower: [0.1, 0.2, 0.3, 0.4], confirmations: [1, 2, 4, 6] },
    })
    expect(screen.getByTestId('sweep-size').textContent).toBe(
      '16 runs of double-spend attempts (attempts are not recorded).',
    )
    await userEvent.clear(screen.getByLabelText(/^trials/))
    await userEvent.type(screen.getByLabelText(/^trials/), '20000')
    expect(screen.getByRole('alert', { name: 'What to fix' }).textContent).toContain(
      'base.trials: over the limit of 10000',
    )
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
