import { describe, expect, it } from 'vitest'
import {
  charsOf,
  linksFingerprint,
  stateText,
  stateTexts,
  textFor,
} from '../../../../src/main/recorder/replay/state-texts'
import type { NodeAtClock, RunState } from '../../../../src/shared/run-types'
import { createNodeSnapshot } from '../../../support/network-fixtures'

type Peers = NodeAtClock['peers']

const node = (id: string, peers: Peers): NodeAtClock => ({
  ...createNodeSnapshot(id),
  peers,
  chain: [],
  tree: [],
})

/** node1 - node2 - node3 in a line, as stateOf makes a state. */
function line({ up = true, latency = 1 } = {}): RunState {
  const peer = (id: string) => ({ id, up, latency })
  const nodes = [
    node('node1', [peer('node2')]),
    node('node2', [peer('node1'), peer('node3')]),
    node('node3', [peer('node2')]),
  ]
  return { runId: 1, clock: 9, links: linksFingerprint(nodes), nodes }
}

describe("a replayed state's links and its two answers", () => {
  it('fingerprints the links: the same for the same peers, another for a cut link, a latency, a node moved', () => {
    const { links } = line()
    expect(links).toMatch(/^[0-9a-f]{40}$/)
    expect(line().links).toBe(links)
    expect(line({ up: false }).links).not.toBe(links)
    expect(line({ latency: 2 }).links).not.toBe(links)
    const moved = [...line().nodes].reverse()
    expect(linksFingerprint(moved)).not.toBe(links)
    // A peer's name run into the next field cannot pass for another peer list.
    expect(linksFingerprint([node('n1', [{ id: 'n2', up: true, latency: 11 }])])).not.toBe(
      linksFingerprint([node('n1', [{ id: 'n21', up: true, latency: 1 }])]),
    )
  })

  it('leaves the peers out, saying so, for a caller holding the same links, and only then', () => {
    const state = line()
    const texts = stateTexts(state)
    expect(JSON.parse(texts.full)).toEqual(state)
    const lean = JSON.parse(texts.lean ?? '') as RunState
    expect(lean.samePeers).toBe(true)
    expect(lean.nodes.map((n) => n.peers)).toEqual([[], [], []])
    // Everything else as whole.
    expect({ ...lean, samePeers: undefined, nodes: undefined }).toEqual({
      ...state,
      nodes: undefined,
    })
    expect(lean.nodes.map(({ peers: _, ...rest }) => rest)).toEqual(
      state.nodes.map(({ peers: _, ...rest }) => rest),
    )
    expect(textFor(texts, state.links)).toBe(texts.lean)
    expect(textFor(texts, line({ up: false }).links)).toBe(texts.full)
    expect(textFor(texts, undefined)).toBe(texts.full)
    expect(stateText(state, state.links)).toBe(texts.lean)
    expect(stateText(state, undefined)).toBe(texts.full)
  })

  it('makes the form without peers from the whole one when it was not made ahead', () => {
    const state = line()
    const whole = stateTexts(state, false)
    expect(whole.lean).toBeNull()
    expect(textFor(whole, state.links)).toBe(stateTexts(state).lean)
    expect(textFor(whole, undefined)).toBe(whole.full)
    expect(charsOf(whole)).toBe(whole.full.length)
  })
})
