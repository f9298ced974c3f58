import { describe, expect, it } from 'vitest'
import { createConfig, type NetworkConfigInput } from '../../../src/core/config'
import { Network } from '../../../src/core/network/network'
import { marksOf, type CheckpointState } from '../../../src/core/resume'
import {
  checkpointJson,
  decodeCheckpoint,
  encodeCheckpoint,
  packCheckpoint,
  unpackCheckpoint,
  newLinksJsonCache,
  type StoredCheckpoint,
} from '../../../src/main/recorder/checkpoint-codec'
import type { Block } from '../../../src/core/chain/block'

/** A network whose blocks get ordinals as a recorder gives them: in the order they appear. */
function recorded(config: NetworkConfigInput = {}) {
  const network = new Network(
    createConfig({ nodes: 5, topology: { kind: 'ring' }, difficulty: 4, ...config }),
  )
  network.start()
  const blocks: Block[] = []
  const ordinals = new Map<string, number>()
  const number = () => {
    const all = Object.values(network.exportState().blocks).sort((a, b) => a.id - b.id)
    for (const block of all)
      if (!ordinals.has(block.hash)) ordinals.set(block.hash, blocks.push(block) - 1)
  }
  let earlier: StoredCheckpoint | null = null
  let marks = {}
  /** The next checkpoint, each node's blocks listed from the last one's marks. */
  const checkpoint = (): { state: CheckpointState; stored: StoredCheckpoint } => {
    number()
    const state = network.exportCheckpoint(marks)
    marks = marksOf(state)
    const stored = encodeCheckpoint(state, (hash) => ordinals.get(hash) as number, earlier)
    earlier = stored
    return { state, stored }
  }
  return { network, checkpoint, blockAt: (ordinal: number) => blocks[ordinal] as Block }
}

describe('a checkpoint as stored', () => {
  it('is the JSON of its encoding, links and all, as they stay or change', () => {
    const { network, checkpoint } = recorded()
    const cache = newLinksJsonCache()
    const texts: string[] = []
    const write = () => {
      const { stored } = checkpoint()
      const text = textOf(checkpointJson(stored, cache))
      expect(text).toBe(JSON.stringify(stored))
      texts.push(text)
    }
    network.requestMine('node1')
    network.step(6)
    write()
    network.step(3)
    write() // the same links: their text reused
    network.cutLink('node1', 'node2')
    write()
    network.healLink('node1', 'node2')
    write()
    network.removeLink('node3', 'node4')
    write()
    network.addLink('node1', 'node3')
    write()
    expect(
      new Set(texts.map((t) => JSON.stringify((JSON.parse(t) as StoredCheckpoint).links))).size,
    ).toBe(4)
  })

  it("writes each node's fields in the order recorders always wrote them", () => {
    // Runs recorded before and after read alike either way; the same order keeps the same bytes.
    // An attacker's state comes before its tree, as it always did; an honest node has none.
    const attack = { kind: 'selfish', attackers: ['node1'], share: 0.45 } as const
    for (const config of [{}, { attack }]) {
      const { network, checkpoint } = recorded(config)
      network.requestMine('node1')
      network.step(6)
      const stored = JSON.parse(textOf(checkpointJson(checkpoint().stored, newLinksJsonCache())))
      const states = network.exportState().nodes
      ;(stored as StoredCheckpoint).nodes.forEach((node, i) => {
        const fields = Object.keys(states[i]!).filter((key) => key !== 'blocks')
        expect(Object.keys(node)).toEqual([...fields, 'tree', 'blocks'])
      })
      expect(Object.keys(stored.nodes[0]).includes('attack')).toBe('attack' in config)
    }
  })

  it('decodes to the state it was taken from, a node continuing its list from the last one', () => {
    const { network, checkpoint, blockAt } = recorded()
    network.requestMine('node1')
    network.step(6)
    checkpoint()
    network.requestMine('node2')
    network.step(6)
    const { state, stored } = checkpoint()
    expect(state.nodes.every((n) => n.blocksFrom > 0)).toBe(true)
    const decoded = decodeCheckpoint(
      JSON.parse(textOf(checkpointJson(stored, newLinksJsonCache()))) as StoredCheckpoint,
      blockAt,
    )
    // As the state's JSON holds it (a never is null there).
    const whole = JSON.parse(JSON.stringify(network.exportState())) as typeof decoded
    expect(decoded.nodes).toEqual(whole.nodes)
    expect(decoded.links).toEqual(whole.links)
  })

  it('is kept compressed, a checkpoint kept as text (before format 2) reading alike', () => {
    const { network, checkpoint } = recorded()
    network.requestMine('node1')
    network.step(6)
    const text = textOf(checkpointJson(checkpoint().stored, newLinksJsonCache()))
    const packed = packCheckpoint(new TextEncoder().encode(text))
    expect(unpackCheckpoint(packed)).toEqual(JSON.parse(text))
    expect(unpackCheckpoint(text)).toEqual(JSON.parse(text))
    expect(packed.length).toBeLessThan(text.length / 3)
  })
})

const textOf = (json: Uint8Array) => new TextDecoder().decode(json)
