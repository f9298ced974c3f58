import { describe, expect, it } from 'vitest'
import { createConfig, formatGenesis, parseGenesis, parseTopology } from '../../src/core/config'

describe('network configuration', () => {
  it('defaults to the spec: node1..node3, full mesh, aki 10, so 7, satoshi 5', () => {
    const config = createConfig()
    expect(config.nodes).toEqual(['node1', 'node2', 'node3'])
    expect(config.topology).toEqual({ kind: 'mesh' })
    expect(config.genesis).toEqual([
      { recipient: 'aki', value: 10 },
      { recipient: 'so', value: 7 },
      { recipient: 'satoshi', value: 5 },
    ])
  })

  it('names nodes node1..nodeN from a count', () => {
    expect(createConfig({ nodes: 5 }).nodes.at(-1)).toBe('node5')
  })

  it.each([
    [{ nodes: 0 }, /nodes/],
    [{ nodes: ['a', 'a'] }, /unique/],
    [{ difficulty: 33 }, /difficulty/],
    [{ difficulty: 1.5 }, /difficulty/],
    [{ latency: -1 }, /latency/],
    [{ epoch: 'noon' }, /epoch/],
    [{ topology: { kind: 'random' as const, degree: 3 }, nodes: 3 }, /degree/],
    [{ topology: { kind: 'random' as const, degree: 3 }, nodes: 5 }, /even/],
    [{ genesis: [] }, /genesis/],
    [
      {
        genesis: [
          { recipient: 'aki', value: 1 },
          { recipient: 'aki', value: 2 },
        ],
      },
      /twice/,
    ],
  ])('refuses %j naming the field', (input, message) => {
    expect(() => createConfig(input)).toThrow(message)
  })

  it('parses topology names', () => {
    expect(parseTopology('random:8')).toEqual({ kind: 'random', degree: 8 })
    expect(parseTopology('ring')).toEqual({ kind: 'ring' })
    expect(() => parseTopology('torus')).toThrow(/unknown/)
  })

  it('reads and writes the CLI spelling of a genesis allocation', () => {
    const genesis = parseGenesis('aki=2,so=7,satoshi=5')
    expect(genesis).toEqual([
      { recipient: 'aki', value: 2 },
      { recipient: 'so', value: 7 },
      { recipient: 'satoshi', value: 5 },
    ])
    expect(formatGenesis(genesis)).toBe('aki=2,so=7,satoshi=5')
    expect(createConfig({ genesis }).genesis).toEqual(genesis)
  })

  it.each(['aki', 'aki=', 'aki=-1', 'aki=1.5', '=3', 'aki=1,,so=2'])(
    'refuses the genesis allocation "%s", naming the form it wants',
    (text) => {
      expect(() => parseGenesis(text)).toThrow(/account=coins/)
    },
  )
})
