// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TxForm } from '../../../src/renderer/src/network/TxForm'

describe('the transaction form', () => {
  afterEach(cleanup)

  it('sends what the user chose and confirms', async () => {
    const send = vi.fn().mockResolvedValue({
      result: 'success',
      tx: { sender: 'so', recipient: 'aki', value: 3, id: 'abc' },
    })
    render(<TxForm node="node2" accounts={['aki', 'so', 'satoshi']} send={send} />)
    await userEvent.selectOptions(screen.getByLabelText('sender'), 'so')
    await userEvent.selectOptions(screen.getByLabelText('recipient'), 'aki')
    await userEvent.clear(screen.getByLabelText('value'))
    await userEvent.type(screen.getByLabelText('value'), '3')
    await userEvent.click(screen.getByRole('button', { name: 'Send' }))
    expect(send).toHaveBeenCalledWith({ sender: 'so', recipient: 'aki', value: 3 })
    expect((await screen.findByRole('status')).textContent).toMatch(/node2 receives it/)
  })

  it("shows the API's refusal inline", async () => {
    const send = vi.fn().mockResolvedValue({
      result: 'fail',
      code: 'insufficient-balance',
      reason: "the sender's balance, less what the pool already spends, is too low",
    })
    render(<TxForm node="node1" accounts={['aki', 'so']} send={send} />)
    await userEvent.click(screen.getByRole('button', { name: 'Send' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/too low/)
  })
})
