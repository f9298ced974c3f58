import { describe, expect, it } from 'vitest'
import {
  ATTACK_ENGINE_VERSION,
  attackHashPower,
  olderAttackEngine,
  strategyOf,
} from '../../../src/core/attack/attack-config'
import { createConfig, miningChances } from '../../../src/core/config'
import { EngineError } from '../../../src/core/errors'

function refusal(attack: Record<string, unknown>): string {
  try {
    createConfig({ attack: attack as { kind: string } })
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError)
    expect((error as EngineError).code).toBe('invalid-config')
    return (error as EngineError).message
  }
  throw new Error('accepted')
}

describe('an attack in the network config', () => {
  it('is absent from an honest network’s config: every node is honest', () => {
    const config = createConfig({})
    expect('attack' in config).toBe(false)
    expect(strategyOf(config.attack, 'node1')).toBe('honest')
  })

  it('fills its defaults: the first node attacks, the first honest node is the merchant', () => {
    const { attack } = createConfig({ attack: { kind: 'double-spend', share: 0.3 } })
    expect(attack).toEqual({
      kind: 'double-spend',
      attackers: ['node1'],
      share: 0.3,
      merchant: 'node2',
      confirmations: 2,
      payment: { sender: 'aki', recipient: 'so', value: 10, refund: 'satoshi' },
      engine: ATTACK_ENGINE_VERSION,
    })
    expect(strategyOf(attack, 'node1')).toBe('double-spend')
    expect(strategyOf(attack, 'node2')).toBe('honest')
  })

  it('refuses an unknown strategy, naming the known ones', () => {
    expect(refusal({ kind: 'sneaky' })).toBe(
      'attack: unknown strategy "sneaky" (selfish, double-spend, eclipse)',
    )
    expect(refusal({ kind: 'honest' })).toMatch(/unknown strategy "honest"/)
  })

  it('records the attackers’ version: today’s, or the older one a recorded config names', () => {
    expect(createConfig({ attack: { kind: 'selfish' } }).attack?.engine).toBe(ATTACK_ENGINE_VERSION)
    expect(createConfig({ attack: { kind: 'selfish', engine: 2 } }).attack?.engine).toBe(2)
    for (const engine of [0, 1.5, ATTACK_ENGINE_VERSION + 1])
      expect(refusal({ kind: 'selfish', engine })).toMatch(/engine: an integer from 1 to/)
  })

  it('tells a stored run recorded by older attackers: no version, or a lower one', () => {
    expect(olderAttackEngine({ attack: { kind: 'eclipse' } })).toEqual({
      recorded: null,
      current: ATTACK_ENGINE_VERSION,
    })
    expect(olderAttackEngine({ attack: { kind: 'eclipse', engine: 2 } })).toEqual({
      recorded: 2,
      current: ATTACK_ENGINE_VERSION,
    })
    expect(olderAttackEngine({ attack: { engine: ATTACK_ENGINE_VERSION } })).toBeNull()
    // An honest run has no attackers to be older.
    expect(olderAttackEngine({ nodes: ['node1'] })).toBeNull()
    expect(olderAttackEngine({ attack: null })).toBeNull()
  })

  it('refuses a share outside (0, 1)', () => {
    for (const share of [0, 1, -0.1, 1.5, Number.NaN])
      expect(refusal({ kind: 'selfish', share })).toMatch(/share .* is outside \(0, 1\)/)
  })

  it('refuses an attacker or a merchant that is not a node', () => {
    expect(refusal({ kind: 'selfish', attackers: ['node9'] })).toBe(
      'attack: attacker "node9" is not a node',
    )
    expect(refusal({ kind: 'double-spend', merchant: 'node7' })).toBe(
      'attack: merchant "node7" is not a node',
    )
    expect(refusal({ kind: 'double-spend', attackers: ['node2'], merchant: 'node2' })).toBe(
      'attack: the merchant must be an honest node',
    )
  })

  it('takes one selfish or double-spending node, and leaves one honest', () => {
    expect(refusal({ kind: 'selfish', attackers: ['node1', 'node2'] })).toMatch(/one attacker/)
    expect(refusal({ kind: 'eclipse', attackers: ['node1', 'node2', 'node3'] })).toMatch(
      /must stay honest/,
    )
  })

  it('refuses a payment the payer cannot make or without a third account', () => {
    expect(refusal({ kind: 'double-spend', payment: { value: 11 } })).toMatch(/1 to the payer's 10/)
    expect(() =>
      createConfig({
        genesis: [
          { recipient: 'a', value: 5 },
          { recipient: 'b', value: 5 },
        ],
        attack: { kind: 'double-spend' },
      }),
    ).toThrow(/three accounts/)
  })
})

describe('the attacker’s hash share', () => {
  it('gives the attackers `share` of the power, equally, and the rest to the honest nodes', () => {
    const { attack } = createConfig({ nodes: 4, attack: { kind: 'selfish', share: 0.4 } })
    const nodes = ['node1', 'node2', 'node3', 'node4']
    const rounded = (power: number[]) => power.map((p) => Math.round(p * 1e9) / 1e9)
    expect(rounded(attackHashPower(attack!, nodes, null))).toEqual([0.4, 0.2, 0.2, 0.2])
    expect(rounded(attackHashPower(attack!, nodes, [9, 1, 2, 1]))).toEqual([0.4, 0.15, 0.3, 0.15])
  })

  it('sets the automatic miners’ chances per clock', () => {
    const config = createConfig({
      nodes: 3,
      autoMine: { interval: 100, hashPower: null },
      attack: { kind: 'selfish', share: 0.4 },
    })
    const chances = miningChances(config)
    expect(chances[0]).toBeCloseTo(0.004, 12)
    expect(chances[1]).toBeCloseTo(0.003, 12)
  })
})
