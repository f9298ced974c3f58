// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AttackGuidePanel } from '../../../src/renderer/src/live/AttackGuidePanel'
import type { LabClient } from '../../../src/shared/lab-bridge'
import { createNetworkInfo } from '../../support/network-fixtures'
import { selfishStory } from '../events/attack-fixtures'

/** A lab that counts clocks and logs each call; its network carries the attack it was given. */
function fakeClient() {
  const calls: string[] = []
  let clock = 0
  let attack: unknown = null
  const info = () => createNetworkInfo({ clock, attack: attack as never })
  const client = {
    createNetwork: vi.fn(async (input: { attack: unknown }) => {
      attack = input.attack
      clock = 0
      calls.push(`new network (${JSON.stringify(attack)})`)
      return info()
    }),
    getNetwork: vi.fn(async () => info()),
    getRecording: vi.fn(async () => ({ state: 'recording', file: 'x', runId: 7 })),
    updateRun: vi.fn(async ({ id, name }: { id: number; name: string }) => {
      calls.push(`run ${id} named ${name}`)
    }),
    start: vi.fn(async () => {
      calls.push('start')
      return info()
    }),
    mine: vi.fn(async ({ node }: { node: string }) => calls.push(`mine ${node}`)),
    step: vi.fn(async ({ clocks }: { clocks: number }) => {
      clock += clocks
      calls.push(`step to ${clock}`)
      return info()
    }),
  }
  return { client: client as unknown as LabClient, calls }
}

describe('the guided attacks', () => {
  afterEach(cleanup)

  it('offers the three attacks of docs/attacks.md, each from its scenario file', async () => {
    const { client } = fakeClient()
    render(<AttackGuidePanel client={client} log={[]} accept={() => {}} />)
    await userEvent.click(screen.getByRole('button', { name: 'Guided attacks…' }))
    const panel = screen.getByRole('region', { name: 'Guided attacks' })
    expect(
      within(panel)
        .getAllByRole('button', { name: /^Play / })
        .map((b) => b.textContent),
    ).toHaveLength(3)
    for (const name of [
      'Play Selfish mining at 35 %',
      'Play A double spend with 2 confirmations',
      'Play An eclipse',
    ])
      expect(within(panel).getByRole('button', { name })).toBeTruthy()
    expect(panel.textContent).toContain('scenarios/double-spend.json')
  })

  it('plays one on a new network named after it, chapter by chapter, retelling each from the log', async () => {
    const { client, calls } = fakeClient()
    const accept = vi.fn()
    const { rerender } = render(<AttackGuidePanel client={client} log={[]} accept={accept} />)
    await userEvent.click(screen.getByRole('button', { name: 'Guided attacks…' }))
    await userEvent.click(screen.getByRole('button', { name: 'Play Selfish mining at 35 %' }))
    await screen.findByText('What to watch')
    expect(calls).toEqual([
      'new network ({"kind":"selfish","attackers":["node1"],"share":0.35})',
      'run 7 named Selfish mining at 35 %',
    ])
    calls.length = 0
    await userEvent.click(screen.getByRole('button', { name: 'Next: to clock 6' }))
    await screen.findByRole('button', { name: 'Next: to clock 16' })
    expect(calls).toEqual(['start', 'mine node1', 'step to 6'])
    // The log's events of the chapter are retold under it, the attack's notes included.
    rerender(<AttackGuidePanel client={client} log={selfishStory('won')} accept={accept} />)
    const first = screen
      .getByText(/^✓ Clock 0: every node starts; node1 is asked to mine/)
      .closest('li')!
    expect(within(first).getByText(/^3 node1: withheld its block #1/)).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Play to the end' }))
    await screen.findByText(/The attack is told, to clock 50/)
    expect(calls.slice(3)).toEqual([
      'mine node2',
      'step to 16',
      'mine node1',
      'step to 24',
      'mine node1',
      'step to 30',
      'mine node1',
      'step to 36',
      'mine node3',
      'step to 50',
    ])
    expect(accept).toHaveBeenCalled()
    const second = screen.getByText(/^✓ Clock 6: node2 is asked to mine/).closest('li')!
    await waitFor(() =>
      expect(
        within(second).getByText(/10 node1: published 1 withheld block .* nothing orphaned yet/),
      ).toBeTruthy(),
    )
  })

  it("shows the lab's refusal and stays where it was", async () => {
    const { client } = fakeClient()
    ;(client.createNetwork as ReturnType<typeof vi.fn>).mockRejectedValueOnce(
      new Error('the lab is busy'),
    )
    render(<AttackGuidePanel client={client} log={[]} accept={() => {}} />)
    await userEvent.click(screen.getByRole('button', { name: 'Guided attacks…' }))
    await userEvent.click(screen.getByRole('button', { name: 'Play An eclipse' }))
    expect((await screen.findByRole('alert')).textContent).toBe('the lab is busy')
    expect(screen.queryByText('What to watch')).toBeNull()
  })
})
