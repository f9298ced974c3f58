import { describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../../src/core/events'
import type { Message } from '../../../src/core/network/message'
import type { Network } from '../../../src/core/network/network'
import { createStartedNetwork } from '../../support/timeline'

/** Steps one clock at a time until an event matches; returns every event of those clocks. */
function stepUntil(network: Network, match: (event: EngineEvent) => boolean): EngineEvent[] {
  const seen: EngineEvent[] = []
  for (let i = 0; i < 20; i++) {
    network.step(1)
    seen.push(...network.drainEvents())
    if (seen.some(match)) return seen
  }
  throw new Error('no such event within 20 clocks')
}

describe('what a node takes in', () => {
  it('drops a message waiting in its inbox when the link it came over is cut before it is taken', () => {
    // node1 and node3 each relay a transfer to node2 at the same clock; node2 takes node1's
    // first (sender order) and keeps node3's while it works. Cutting node2–node3 then must drop
    // the kept message, though its link was up when it arrived.
    const network = createStartedNetwork()
    network.submitTransaction('node1', { sender: 'aki', recipient: 'so', value: 1 })
    network.submitTransaction('node3', { sender: 'so', recipient: 'satoshi', value: 1 })
    const fromNode1 = (e: EngineEvent): boolean =>
      e.kind === 'message.delivered' && e.node === 'node2' && e.type === 'NEW_TX'
    const [taken] = stepUntil(network, fromNode1).filter(fromNode1)
    expect(taken).toMatchObject({ from: 'node1' })
    const inbox = (): readonly Message[] => network.exportState().nodes[1]?.inbox ?? []
    const kept = inbox().find((m) => m.type === 'NEW_TX' && m.from === 'node3')
    expect(kept).toBeDefined()

    network.cutLink('node2', 'node3')
    const isKept = (e: EngineEvent): boolean =>
      e.kind === 'message.dropped' && e.node === 'node2' && e.id === kept?.id && e.from === 'node3'
    const [dropped] = stepUntil(network, isKept).filter(isKept)
    expect(dropped).toMatchObject({ reason: 'link-cut', clock: (taken?.clock ?? 0) + 1 })
    expect(inbox()).not.toContainEqual(kept)
  })
})
