// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { NetworkInfo } from '../../../src/shared/api-types'
import type { LabClient } from '../../../src/shared/lab-bridge'
import { CreateNetworkForm } from '../../../src/renderer/src/network/CreateNetworkForm'

const current: NetworkInfo = {
  clock: 12,
  started: true,
  dialect: 'readme',
  topology: 'mesh',
  seed: 1,
  difficulty: 8,
  latency: 0,
  autoMine: null,
  workload: null,
  genesis: [
    { recipient: 'aki', value: 10 },
    { recipient: 'so', value: 7 },
    { recipient: 'satoshi', value: 5 },
  ],
  accounts: ['aki', 'so', 'satoshi'],
  nodes: [],
  links: [],
  attack: null,
  hosting: { mode: 'in-process', workers: 0 },
}

function renderForm() {
  const createNetwork = vi.fn().mockResolvedValue(current)
  const onDone = vi.fn()
  const client = { createNetwork } as unknown as LabClient
  render(<CreateNetworkForm client={client} current={current} onDone={onDone} />)
  return { createNetwork, onDone }
}

describe('the New network form', () => {
  afterEach(cleanup)

  it("starts from the current network's genesis allocation and sends the one typed", async () => {
    const { createNetwork, onDone } = renderForm()
    const genesis = screen.getByLabelText('genesis')
    expect((genesis as HTMLInputElement).value).toBe('aki=10,so=7,satoshi=5')
    await userEvent.clear(genesis)
    await userEvent.type(genesis, 'aki=2,so=7,satoshi=5')
    await userEvent.selectOptions(screen.getByLabelText('dialect'), 'legacy')
    await userEvent.click(screen.getByRole('button', { name: 'Create' }))
    expect(createNetwork).toHaveBeenCalledWith(
      expect.objectContaining({
        dialect: 'legacy',
        genesis: [
          { recipient: 'aki', value: 2 },
          { recipient: 'so', value: 7 },
          { recipient: 'satoshi', value: 5 },
        ],
      }),
    )
    expect(onDone).toHaveBeenCalledWith(current)
  })

  it('says what is wrong with a malformed allocation and sends nothing', async () => {
    const { createNetwork } = renderForm()
    const genesis = screen.getByLabelText('genesis')
    await userEvent.clear(genesis)
    await userEvent.type(genesis, 'aki 10')
    await userEvent.click(screen.getByRole('button', { name: 'Create' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/account=coins/)
    expect(createNetwork).not.toHaveBeenCalled()
  })
})
