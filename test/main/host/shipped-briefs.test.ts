import { describe, expect, it } from 'vitest'
import { executeCommand } from '../../../src/core/commands'
import { createConfig } from '../../../src/core/config'
import { Network } from '../../../src/core/network/network'
import { answerQuery } from '../../../src/main/host/answer-query'
import { briefAt, shipBriefs } from '../../../src/main/host/shipped-briefs'
import { randomWorkload } from '../../support/workloads'

describe("a shard's briefs as they cross threads (shipped as columns)", () => {
  it('make exactly the briefs the shard would answer, key for key, at every command', () => {
    const config = createConfig({ nodes: 6, difficulty: 5 })
    // The second half of the nodes, as a shard of two holds them.
    const owned = config.nodes.slice(3)
    const network = new Network(config, owned)
    const whole = new Network(config)
    const statuses = new Set<string>()
    let tips = new Set<string>()
    for (const command of randomWorkload(3, config.nodes, 60)) {
      for (const net of [network, whole]) {
        try {
          executeCommand(net, command)
        } catch {
          // A refusal (a transfer a node turns down) changes nothing.
        }
      }
      for (const [net, ids] of [
        [network, owned],
        [whole, config.nodes],
      ] as const) {
        const shipped = structuredClone(shipBriefs(net))
        const made = ids.map((_, i) => briefAt(ids, shipped, i))
        const answered = answerQuery(net, { type: 'briefs' })
        // Same keys in the same order: the JSON a controller reads is the same.
        expect(JSON.stringify(made)).toBe(JSON.stringify(answered))
        for (const brief of answered) statuses.add(brief.status)
        tips = new Set([...tips, ...shipped.tips])
      }
    }
    // The workload moved the nodes through more than one status and tip.
    expect(statuses.size).toBeGreaterThan(2)
    expect(tips.size).toBeGreaterThan(2)
  })
})
