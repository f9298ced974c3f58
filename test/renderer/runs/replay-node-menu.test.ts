import { describe, expect, it, vi } from 'vitest'
import { replayNodeMenu } from '../../../src/renderer/src/runs/replay-node-menu'
import { forkStory } from '../events/log-fixtures'

const handlers = () => ({ select: vi.fn(), showTip: vi.fn(), scrub: vi.fn(), branch: vi.fn() })

describe("the replay graph's keyboard menu of a node", () => {
  it("offers the node's details, its tip, its events before and after the clock shown, and a branch", () => {
    // node1 in the fork story: cut at 3, mined at 7, reorganised at 14.
    const menu = replayNodeMenu('node1', 8, forkStory(), handlers())
    expect(menu.map((item) => item.label)).toEqual([
      "Show node1's details",
      "Show node1's tip in the network's block tree",
      "Back to node1's previous event (clock 7)",
      "On to node1's next event (clock 14)",
      'Branch a new run from clock 8',
    ])
  })

  it('scrubs to the event chosen, selects, shows the tip and branches as asked', () => {
    const on = handlers()
    const menu = replayNodeMenu('node1', 8, forkStory(), on)
    for (const item of menu) item.run()
    expect(on.select).toHaveBeenCalledWith('node1')
    expect(on.showTip).toHaveBeenCalledWith('node1')
    expect(on.scrub.mock.calls).toEqual([[7], [14]])
    expect(on.branch).toHaveBeenCalledOnce()
  })

  it('leaves out a previous or next event the node does not have', () => {
    const labels = (clock: number) =>
      replayNodeMenu('node1', clock, forkStory(), handlers()).map((item) => item.label)
    expect(labels(0).some((l) => l.startsWith('Back to'))).toBe(false)
    expect(labels(0)).toContain("On to node1's next event (clock 3)")
    expect(labels(99).some((l) => l.startsWith('On to'))).toBe(false)
  })
})
