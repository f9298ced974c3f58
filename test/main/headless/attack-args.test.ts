import { describe, expect, it } from 'vitest'
import { parseLabArgs } from '../../../src/main/headless/cli-args'

const lab = (...args: string[]) => parseLabArgs(['--db', ':memory:', ...args])

describe('the attack flags of the lab CLI', () => {
  it('set an attack in the network config', () => {
    const options = lab('--attack', 'selfish', '--attacker', 'node2', '--attacker-power', '0.35')
    expect(options !== 'help' && options.network.attack).toMatchObject({
      kind: 'selfish',
      attackers: ['node2'],
      share: 0.35,
    })
  })

  it('set a double spend’s merchant and confirmations', () => {
    const options = lab('--attack', 'double-spend', '--merchant', 'node3', '--confirmations', '4')
    expect(options !== 'help' && options.network.attack).toMatchObject({
      kind: 'double-spend',
      attackers: ['node1'],
      merchant: 'node3',
      confirmations: 4,
    })
  })

  it('leave an honest network without an attack', () => {
    const options = lab()
    expect(options !== 'help' && 'attack' in options.network).toBe(false)
  })

  it('refuse bad input with the reason, naming the flag', () => {
    expect(() => lab('--attack', 'sneaky')).toThrow('--attack: unknown strategy "sneaky"')
    expect(() => lab('--attack', 'selfish', '--attacker-power', '1')).toThrow(
      '--attack: share 1 is outside (0, 1)',
    )
    expect(() => lab('--attack', 'selfish', '--attacker', 'node7')).toThrow(
      '--attack: attacker "node7" is not a node',
    )
    expect(() => lab('--attacker', 'node2')).toThrow('--attacker goes with --attack')
    expect(() => lab('--attack', 'selfish', '--attacker-power', 'lots')).toThrow(
      '--attacker-power must be a number in (0, 1), not "lots"',
    )
  })
})
