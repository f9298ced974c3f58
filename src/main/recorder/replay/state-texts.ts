import { createHash } from 'node:crypto'
import type { NodeAtClock, RunState } from '../../../shared/run-types'

/**
 * A state's answer in its two forms: whole, and without the nodes' peers for a caller that holds
 * a state with the same links (`links`). At 2,000 nodes (random:8) the peers are 59 % of a
 * one-node answer's 1.1 MB, and writing, reading and parsing them again on every clock a person
 * scrubs was most of what the answer cost the lab's thread and the page.
 */
export interface StateTexts {
  readonly links: string
  readonly full: string
  /**
   * Null when not made ahead: a whole state (every node's chain, 7 MB at 2,000 nodes) is asked
   * as a replay opens, holding nothing, and its lean form would only take room. Made from `full`
   * if a caller asks for it after all.
   */
  readonly lean: string | null
}

/**
 * The fingerprint of a state's links (RunState.links): each node in order with its peers, up
 * or cut, and their latencies. A caller holding a state of the same fingerprint holds the same
 * peers for every node, at the same places.
 */
export function linksFingerprint(nodes: readonly Pick<NodeAtClock, 'id' | 'peers'>[]): string {
  const hash = createHash('sha1')
  for (const node of nodes) {
    let line = `${node.id}:`
    for (const peer of node.peers) line += `${peer.id},${peer.up ? 1 : 0},${peer.latency};`
    hash.update(line + '\n')
  }
  return hash.digest('hex')
}

/**
 * Both forms (the lean one unless `lean` is false), for an answer kept and given to callers
 * holding either.
 */
export function stateTexts(state: RunState, lean = true): StateTexts {
  return { links: state.links, full: JSON.stringify(state), lean: lean ? leanText(state) : null }
}

/** The form a caller holding a state of links `held` is given. */
export function textFor(texts: StateTexts, held: string | undefined): string {
  if (held !== texts.links) return texts.full
  return texts.lean ?? leanText(JSON.parse(texts.full) as RunState)
}

/** The characters an answer's forms take. */
export function charsOf(texts: StateTexts): number {
  return texts.full.length + (texts.lean?.length ?? 0)
}

/** One form only, made for a caller holding links `held` (an answer not kept). */
export function stateText(state: RunState, held: string | undefined): string {
  return held === state.links ? leanText(state) : JSON.stringify(state)
}

function leanText(state: RunState): string {
  const lean: RunState = {
    ...state,
    samePeers: true,
    nodes: state.nodes.map((node) => ({ ...node, peers: [] })),
  }
  return JSON.stringify(lean)
}
