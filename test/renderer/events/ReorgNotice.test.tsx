// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ReorgNotice } from '../../../src/renderer/src/events/ReorgNotice'
import { forkStory } from './log-fixtures'

const reorg = forkStory().find((e) => e.kind === 'chain.reorg')!

describe('the reorganisation notice', () => {
  afterEach(cleanup)

  it('says which node switched to a longer chain, and how deep', () => {
    render(<ReorgNotice reorg={reorg} />)
    expect(screen.getByRole('status').textContent).toMatch(
      new RegExp(
        `^Reorganisation at clock ${reorg.clock}: ${reorg.node} switched to a longer chain`,
      ),
    )
  })

  it('goes when a new network begins (the store then has no reorganisation)', () => {
    const { rerender } = render(<ReorgNotice reorg={reorg} />)
    expect(screen.queryByRole('status')).not.toBeNull()
    rerender(<ReorgNotice reorg={null} />)
    expect(screen.queryByRole('status')).toBeNull()
  })
})
