import { describe, expect, it } from 'vitest'
import { replaySummaries } from '../../../src/renderer/src/runs/replay-graph'
import type { RunState } from '../../../src/shared/run-types'
import { createNodeSnapshot } from '../../support/network-fixtures'

describe('a replayed state as the graph draws it', () => {
  it('marks an attacker with its strategy, as the live graph does (⚔), and no honest node', () => {
    const at = (id: string, fields = {}) => ({
      ...createNodeSnapshot(id, fields),
      chain: [],
      tree: [],
    })
    const state: RunState = {
      runId: 1,
      clock: 35,
      links: 'a'.repeat(40),
      nodes: [
        at('node1', {
          attack: {
            strategy: 'selfish',
            phase: 'ahead',
            privateHeight: 4,
            publicHeight: 2,
            lead: 2,
            withheld: [],
          },
        }),
        at('node2'),
      ],
    }
    const summaries = replaySummaries(state)
    expect(summaries.map((s) => s.strategy ?? 'honest')).toEqual(['selfish', 'honest'])
    expect(Object.keys(summaries[1]!)).not.toContain('strategy')
  })
})
