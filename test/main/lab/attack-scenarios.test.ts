import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { SequencedEvent } from '../../../src/core/events'
import { hostFactory } from '../../../src/main/host/create-host'
import { LabService } from '../../../src/main/lab/lab-service'
import { playScenario } from '../../../src/main/lab/scenario-player'
import { configFromSettings } from '../../../src/shared/network-settings'
import { scenarioSchema } from '../../../src/shared/scenario'

/** Plays a scenario file; returns each node's main chain (miners, transfers) and its events. */
async function play(file: string) {
  const scenario = scenarioSchema.parse(JSON.parse(readFileSync(`scenarios/${file}`, 'utf8')))
  const service = await LabService.create(configFromSettings(scenario.network), {
    createHost: hostFactory(0),
  })
  const events: SequencedEvent[] = []
  service.onCommand((record) => {
    events.push(...record.events)
  })
  try {
    await playScenario(service, scenario)
    const chains: Record<string, { miners: string; paid: string[] }> = {}
    for (const id of service.config.nodes) {
      const chain = (await service.query({ type: 'chain', node: id })).slice(1)
      chains[id] = {
        miners: chain.map((b) => b.miner).join(','),
        paid: chain.flatMap((b) => b.transactions.map((tx) => tx.recipient)),
      }
    }
    const attack = events.flatMap((e) =>
      e.kind === 'attack.published' ? [`${e.clock} ${e.rule} ${e.blocks.length}`] : [],
    )
    return { chains, attack }
  } finally {
    await service.close()
  }
}

describe('the guided attack scenarios', () => {
  it('selfish mining at 35 %: a match, a tie won, and a lead of two that orphans node3’s block', async () => {
    const { chains, attack } = await play('selfish-mining.json')
    expect(attack).toEqual(['10 match 1', '19 win-tie 1', '40 override 2'])
    for (const id of ['node1', 'node2', 'node3'])
      expect(chains[id]?.miners).toBe('node1,node1,node1,node1')
  })

  it('a double spend with 2 confirmations: the merchant delivers, then the payment is reversed', async () => {
    const { chains, attack } = await play('double-spend.json')
    expect(attack).toEqual(['23 overtake 3'])
    for (const id of ['node1', 'node2', 'node3']) {
      expect(chains[id]?.miners).toBe('node1,node1,node1')
      expect(chains[id]?.paid).toEqual(['satoshi'])
    }
  })

  it('an eclipse: the victim delivers on the attacker’s chain, and loses the payment when it ends', async () => {
    const { chains, attack } = await play('eclipse.json')
    expect(attack).toEqual(['11 feed-victim 1', '19 feed-victim 1'])
    for (const id of ['node2', 'node3', 'node4']) {
      expect(chains[id]?.miners).toBe('node2,node3,node2')
      expect(chains[id]?.paid).toEqual(['satoshi'])
    }
  })
})
