// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ForkGuide } from '../../../src/renderer/src/live/ForkGuide'
import type { LinkSummary, NetworkInfo } from '../../../src/shared/api-types'
import type { LabClient } from '../../../src/shared/lab-bridge'

const link = (a: string, b: string): LinkSummary => ({ a, b, up: true, latency: 0 })

function network(clock: number, tips: string[]): NetworkInfo {
  return {
    clock,
    started: true,
    nodes: tips.map((tip, i) => ({ id: `node${i + 1}`, tip })),
    links: [link('node1', 'node2'), link('node1', 'node3'), link('node2', 'node3')],
  } as unknown as NetworkInfo
}

/** A lab whose nodes agree again two clocks after the heal. */
function fakeClient() {
  const calls: string[] = []
  let clock = 0
  let healedAt: number | null = null
  const info = () =>
    network(clock, healedAt !== null && clock >= healedAt + 2 ? ['c', 'c', 'c'] : ['a', 'c', 'c'])
  const client = {
    getNetwork: vi.fn(async () => info()),
    cutLink: vi.fn(async ({ a, b }: { a: string; b: string }) => {
      calls.push(`cut ${a}-${b}`)
      return info()
    }),
    healLink: vi.fn(async ({ a, b }: { a: string; b: string }) => {
      calls.push(`heal ${a}-${b}`)
      healedAt = clock
      return info()
    }),
    mine: vi.fn(async ({ node }: { node: string }) => calls.push(`mine ${node}`)),
    step: vi.fn(async ({ clocks }: { clocks: number }) => {
      clock += clocks
      calls.push(`step ${clocks}`)
      return info()
    }),
  }
  return { client: client as unknown as LabClient, calls }
}

describe('the make-a-fork guide', () => {
  afterEach(cleanup)

  it('cuts, mines on both sides, mines again, heals and steps until the sides agree, narrating each step', async () => {
    const { client, calls } = fakeClient()
    const accept = vi.fn()
    render(<ForkGuide client={client} network={network(0, ['g', 'g', 'g'])} accept={accept} />)
    await userEvent.click(screen.getByRole('button', { name: 'Make a fork…' }))
    const said: string[] = []
    for (let i = 0; i < 5; i++) {
      await userEvent.click(screen.getByRole('button', { name: /^Next: / }))
      await waitFor(() => expect(screen.getAllByRole('listitem')[i]!.textContent).toMatch(/^✓/))
      said.push(screen.getByRole('status').textContent ?? '')
    }
    expect(calls).toEqual([
      'cut node1-node2',
      'cut node1-node3',
      'mine node1',
      'mine node2',
      'step 6',
      'mine node3',
      'step 6',
      'heal node1-node2',
      'heal node1-node3',
      'step 1',
      'step 1',
    ])
    expect(said[0]).toMatch(/node1 is cut off: 2 link\(s\) down/)
    expect(said[3]).toMatch(/Each end announces its tip/)
    expect(said[4]).toMatch(/^Clock 14: node1 .* abandoned its own block .* the fork is resolved/)
    expect(screen.getByText(/The story is told/)).toBeTruthy()
    expect(accept).toHaveBeenCalled()
  })

  it('needs a started network of three nodes or more', () => {
    const { client } = fakeClient()
    render(<ForkGuide client={client} network={network(0, ['g', 'g'])} accept={() => undefined} />)
    expect(screen.getByRole('button', { name: 'Make a fork…' })).toHaveProperty('disabled', true)
  })
})
