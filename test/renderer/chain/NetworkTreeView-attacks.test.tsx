// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { NetworkTreeBuilder } from '../../../src/renderer/src/chain/network-tree'
import { NetworkTreeView } from '../../../src/renderer/src/chain/NetworkTreeView'
import type { SequencedEvent } from '../../../src/shared/api-types'
import { selfishStory } from '../events/attack-fixtures'
import { hash } from '../events/log-fixtures'

function Tree({ events, upTo }: { events: SequencedEvent[]; upTo?: number }) {
  const [selected, setSelected] = useState<string | null>(null)
  const tree = new NetworkTreeBuilder()
  tree.apply(events)
  const tips: Record<string, string> = {}
  for (const e of events) if (e.kind === 'block.accepted') tips[e.node] = e.block.hash
  return (
    <NetworkTreeView
      blocks={tree.blocks}
      whole={tree.whole}
      version={events.length}
      nodes={['node1', 'node2', 'node3']}
      tips={tips}
      links={[]}
      node={null}
      selected={selected}
      onSelect={setSelected}
      attacks={tree.attacks}
      {...(upTo === undefined ? {} : { upTo })}
    />
  )
}

const marks = () =>
  [...document.querySelectorAll('g.tree-block')].map(
    (g) => `${g.getAttribute('data-attack') ?? '-'} ${g.querySelector('text')?.textContent}`,
  )

describe("the network's block tree during an attack", () => {
  afterEach(cleanup)

  it('shows a withheld block as withheld, by whom and since which clock', async () => {
    const events = selfishStory('withheld')
    const since = events.find((e) => e.kind === 'attack.withheld')!.clock
    render(<Tree events={events} />)
    expect(marks()).toEqual(['- #0 genesis genesis0', `withheld #1 node1 withheld @${since}`])
    const block = screen.getByRole('button', { name: /^#1 node1/ })
    expect(block.getAttribute('aria-label')).toMatch(
      new RegExp(`; withheld by node1 since clock ${since}$`),
    )
    expect(block.querySelector('rect.withheld-ring')).not.toBeNull()
    await userEvent.click(block)
    expect(screen.getByTestId('block-attack').textContent).toBe(
      `⚔ Withheld by node1 since clock ${since}: no other node has it yet. It stays private until node1's strategy publishes it.`,
    )
    expect(screen.getByText(/red dashes: withheld by an attacker/)).toBeTruthy()
  })

  it('shows it published once published, and the honest block it orphaned struck through', async () => {
    const events = selfishStory('won')
    render(<Tree events={events} />)
    const orphaned = screen.getByRole('button', { name: /^#1 node2 ✕/ })
    expect(orphaned.closest('g')?.getAttribute('data-attack')).toBe('orphaned')
    const published = document.querySelectorAll('g[data-attack="published"]')
    expect(published).toHaveLength(2)
    await userEvent.click(screen.getByRole('button', { name: /^#2 node1/ }))
    expect(screen.getByTestId('block-attack').textContent).toBe(
      `⚔ Withheld by node1, published at clock 19 to every peer: its branch of two wins the tie. It orphaned ${hash('b1').slice(0, 8)}.`,
    )
  })

  it('shows a replay the marks as they stood at its clock', () => {
    const events = selfishStory('tie')
    const published = events.find((e) => e.kind === 'attack.published')!.clock
    render(<Tree events={events} upTo={published - 1} />)
    expect(document.querySelectorAll('g[data-attack="withheld"]')).toHaveLength(1)
    cleanup()
    render(<Tree events={events} upTo={published} />)
    expect(document.querySelectorAll('g[data-attack="withheld"]')).toHaveLength(0)
    expect(document.querySelectorAll('g[data-attack="published"]')).toHaveLength(1)
  })

  it('marks nothing and says nothing of attacks in an honest run', () => {
    const honest = selfishStory('tie').filter((e) => !e.kind.startsWith('attack.'))
    render(<Tree events={honest} />)
    expect(document.querySelectorAll('g[data-attack]')).toHaveLength(0)
    expect(screen.queryByText(/withheld by an attacker/)).toBeNull()
  })
})
