// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { NetworkTreeBuilder } from '../../../src/renderer/src/chain/network-tree'
import { NetworkTreeView } from '../../../src/renderer/src/chain/NetworkTreeView'
import type { LinkSummary } from '../../../src/shared/api-types'
import { forkAcceptances, hash } from '../events/log-fixtures'

const NODES = ['node1', 'node2', 'node3']
const CUT: LinkSummary[] = [
  { a: 'node1', b: 'node2', up: false, latency: 0 },
  { a: 'node1', b: 'node3', up: false, latency: 0 },
  { a: 'node2', b: 'node3', up: true, latency: 0 },
]

function Tree({ clock, links }: { clock: number; links: LinkSummary[] }) {
  const [selected, setSelected] = useState<string | null>(null)
  const tree = new NetworkTreeBuilder()
  tree.apply(forkAcceptances().filter((e) => e.clock <= clock))
  return (
    <NetworkTreeView
      blocks={tree.blocks}
      whole={tree.whole}
      version={clock}
      nodes={NODES}
      tips={{ node1: hash('aaaa'), node2: hash('cccc'), node3: hash('cccc') }}
      links={links}
      node="node1"
      selected={selected}
      onSelect={setSelected}
    />
  )
}

describe("the network's block tree", () => {
  afterEach(cleanup)

  it('shows every block by height, miner and hash, and flags whose tip each is', () => {
    render(<Tree clock={14} links={CUT} />)
    const blocks = screen.getAllByRole('button', { name: /^#\d/ })
    expect(blocks.map((b) => b.getAttribute('aria-label'))).toEqual([
      '#0 genesis genesis0: block 0 mined by nobody (genesis)',
      '#1 node2 bbbb0000: block 1 mined by node2',
      '#2 node3 cccc0000: block 2 mined by node3, tip of node2, node3',
      '#1 node1 aaaa0000: block 1 mined by node1, off the best chain, tip of node1',
    ])
    expect(blocks[2]!.textContent).toMatch(/^#2 node3 cccc0000/)
    expect([...document.querySelectorAll('.tree-tips')].map((t) => t.textContent)).toEqual([
      '◆ node2 node3',
      '◆ node1',
    ])
  })

  it('says which side of a partition holds which branch', () => {
    render(<Tree clock={14} links={CUT} />)
    expect(screen.getByTestId('partition-sides').textContent).toBe(
      'Partitioned: node1 on #1 aaaa0000 | node2, node3 on #2 cccc0000',
    )
  })

  it('says nothing of sides when every link is up', () => {
    render(<Tree clock={14} links={CUT.map((l) => ({ ...l, up: true }))} />)
    expect(screen.queryByTestId('partition-sides')).toBeNull()
  })

  it('details a block: its miner, its transactions and when each node received it', async () => {
    render(<Tree clock={99} links={CUT} />)
    await userEvent.click(screen.getByRole('button', { name: /^#1 node1 aaaa/ }))
    const detail = screen.getByRole('region', { name: 'Block 1 of the network' })
    expect(detail.textContent).toContain('node1')
    expect(detail.textContent).toContain('aki → so: 3')
    const rows = within(detail)
      .getAllByRole('row')
      .map((r) => r.textContent)
    expect(rows).toEqual([
      'nodeaccepted at clockon its main chain',
      'node17yes',
      'node2not yetno',
      'node3not yetno',
    ])
    await userEvent.click(screen.getByRole('button', { name: /^#1 node2 bbbb/ }))
    expect(
      within(screen.getByRole('region', { name: 'Block 1 of the network' }))
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['nodeaccepted at clockon its main chain', 'node120no', 'node27yes', 'node38yes'])
  })

  it('is operable from the keyboard: each block a tab stop, Enter selects', async () => {
    render(<Tree clock={14} links={CUT} />)
    screen.getByRole('button', { name: /^#2 node3 cccc/ }).focus()
    await userEvent.keyboard('{Enter}')
    expect(screen.getByRole('region', { name: 'Block 2 of the network' })).toBeTruthy()
  })
})
