// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CreateNetworkForm } from '../../../src/renderer/src/network/CreateNetworkForm'
import type { NetworkInfo } from '../../../src/shared/api-types'
import type { LabClient } from '../../../src/shared/lab-bridge'
import { createNetworkInfo } from '../../support/network-fixtures'

function renderForm(current: NetworkInfo, answer?: Error) {
  const createNetwork = answer
    ? vi.fn().mockRejectedValue(answer)
    : vi.fn().mockResolvedValue(current)
  const onDone = vi.fn()
  const client = { createNetwork } as unknown as LabClient
  render(<CreateNetworkForm client={client} current={current} onDone={onDone} />)
  return { createNetwork, onDone }
}

const sent = (createNetwork: ReturnType<typeof vi.fn>) =>
  (createNetwork.mock.calls[0]![0] as { attack: unknown }).attack

describe("the New network form's attack", () => {
  afterEach(cleanup)

  it('sends an honest network as attack null, which ends an attack under way', async () => {
    const { createNetwork } = renderForm(createNetworkInfo())
    expect((screen.getByLabelText('strategy') as HTMLSelectElement).value).toBe('honest')
    expect(screen.queryByLabelText('attacker node')).toBeNull()
    await userEvent.click(screen.getByRole('button', { name: 'Create' }))
    expect(sent(createNetwork)).toBeNull()
  })

  it('sends a selfish miner with its node and hash share; empty fields take the lab’s defaults', async () => {
    const { createNetwork } = renderForm(createNetworkInfo())
    await userEvent.selectOptions(screen.getByLabelText('strategy'), 'selfish')
    expect(screen.queryByLabelText('merchant')).toBeNull()
    await userEvent.clear(screen.getByLabelText('attacker node'))
    await userEvent.type(screen.getByLabelText('attacker node'), 'node2')
    await userEvent.type(screen.getByLabelText('hash share'), '0.35')
    await userEvent.click(screen.getByRole('button', { name: 'Create' }))
    expect(sent(createNetwork)).toEqual({ kind: 'selfish', attackers: ['node2'], share: 0.35 })
  })

  it('asks a double spend for its merchant and confirmations, and an eclipse for its victim', async () => {
    const { createNetwork } = renderForm(createNetworkInfo())
    await userEvent.selectOptions(screen.getByLabelText('strategy'), 'double-spend')
    await userEvent.type(screen.getByLabelText('merchant'), 'node3')
    await userEvent.clear(screen.getByLabelText('confirmations'))
    await userEvent.type(screen.getByLabelText('confirmations'), '4')
    await userEvent.click(screen.getByRole('button', { name: 'Create' }))
    expect(sent(createNetwork)).toEqual({
      kind: 'double-spend',
      attackers: ['node1'],
      merchant: 'node3',
      confirmations: 4,
    })
    await userEvent.selectOptions(screen.getByLabelText('strategy'), 'eclipse')
    expect(screen.getByLabelText('victim')).toBeTruthy()
    await userEvent.clear(screen.getByLabelText('attacker nodes'))
    await userEvent.type(screen.getByLabelText('attacker nodes'), 'node1, node2')
    await userEvent.click(screen.getByRole('button', { name: 'Create' }))
    expect(createNetwork.mock.calls[1]![0]).toMatchObject({
      attack: { kind: 'eclipse', attackers: ['node1', 'node2'], merchant: 'node3' },
    })
  })

  it('opens with the current network’s attack', () => {
    renderForm(
      createNetworkInfo({
        attack: {
          kind: 'double-spend',
          attackers: ['node2'],
          share: 0.3,
          merchant: 'node3',
          confirmations: 6,
          payment: null,
          engine: 3,
        },
      }),
    )
    expect((screen.getByLabelText('strategy') as HTMLSelectElement).value).toBe('double-spend')
    expect((screen.getByLabelText('attacker node') as HTMLInputElement).value).toBe('node2')
    expect((screen.getByLabelText('hash share') as HTMLInputElement).value).toBe('0.3')
    expect((screen.getByLabelText('merchant') as HTMLInputElement).value).toBe('node3')
    expect((screen.getByLabelText('confirmations') as HTMLInputElement).value).toBe('6')
  })

  it("shows the lab's reason when it refuses the attack, and stays open", async () => {
    const { onDone } = renderForm(
      createNetworkInfo(),
      new Error('attack: share 1.5 is outside (0, 1)'),
    )
    await userEvent.selectOptions(screen.getByLabelText('strategy'), 'selfish')
    await userEvent.type(screen.getByLabelText('hash share'), '1.5')
    await userEvent.click(screen.getByRole('button', { name: 'Create' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      'attack: share 1.5 is outside (0, 1)',
    )
    expect(onDone).not.toHaveBeenCalled()
  })
})
