import { describe, expect, it } from 'vitest'
import { randomWorkload } from '../../support/workloads'
import type { Command } from '../../../src/core/commands'
import { createConfig, type NetworkConfigInput } from '../../../src/core/config'
import { InProcessHost } from '../../../src/main/host/in-process-host'
import type { NetworkHost } from '../../../src/main/host/network-host'
import { WorkerHost } from '../../../src/main/host/worker-host'

/** A seeded workload: mining, transfers, a partition and its heal, steps of varied length. */

async function run(host: NetworkHost, commands: readonly Command[]): Promise<string> {
  const log: unknown[] = []
  try {
    for (const command of commands) {
      try {
        const { result, events } = await host.execute(command)
        log.push(result, events)
      } catch (error) {
        log.push(String(error))
      }
    }
    log.push(await host.query({ type: 'briefs' }))
    return JSON.stringify(log)
  } finally {
    await host.close()
  }
}

const cases: [string, NetworkConfigInput][] = [
  ['3 nodes in a mesh', { nodes: 3, difficulty: 6 }],
  [
    '10 nodes in a ring with latency 2',
    { nodes: 10, topology: { kind: 'ring' }, latency: 2, difficulty: 6 },
  ],
]

describe('a network across worker threads', () => {
  for (const [name, input] of cases) {
    it(`gives exactly the events of one thread: ${name}`, async () => {
      const config = createConfig(input)
      const commands = randomWorkload(21, config.nodes, 120)
      const expected = await run(new InProcessHost(config), commands)
      for (const workers of [2, 3]) {
        expect(await run(await WorkerHost.create(config, workers), commands)).toBe(expected)
      }
    })
  }

  it('gives exactly the events of one thread when a node starts afresh and a link goes', async () => {
    const config = createConfig({ nodes: 4, difficulty: 5 })
    const commands: Command[] = [
      ...randomWorkload(5, config.nodes, 30),
      { type: 'restart', node: 'node2' },
      { type: 'remove-link', a: 'node1', b: 'node3' },
      ...randomWorkload(6, config.nodes, 30).slice(1),
    ]
    const expected = await run(new InProcessHost(config), commands)
    expect(expected).toContain('"kind":"node.reset","clock":0,"node":"node2"')
    expect(await run(await WorkerHost.create(config, 2), commands)).toBe(expected)
  })

  it('keeps the spec timeline when nodes are stepped one at a time', async () => {
    const config = createConfig({ difficulty: 4 })
    const host = await WorkerHost.create(config, 3)
    try {
      await host.execute({ type: 'start' })
      await host.execute({
        type: 'submit-tx',
        node: 'node1',
        tx: { sender: 'aki', recipient: 'so', value: 1 },
      })
      const seen: string[] = []
      for (let clock = 1; clock <= 10; clock++) {
        if (clock === 5) await host.execute({ type: 'mine', node: 'node1' })
        for (const node of ['node3', 'node1', 'node2'])
          await host.execute({ type: 'step-node', node, clock })
        const briefs = await host.query({ type: 'briefs' })
        seen.push(briefs.map((b) => b.status).join(' '))
      }
      expect(seen[1]).toBe('broadcasting-tx receiving-tx receiving-tx')
      expect(seen[7]).toBe('broadcasting-block receiving-block receiving-block')
      expect(seen[9]).toBe('idle idle idle')
    } finally {
      await host.close()
    }
  })

  it('reports engine refusals as the same errors as one thread', async () => {
    const host = await WorkerHost.create(createConfig({ difficulty: 4 }), 2)
    try {
      await expect(host.execute({ type: 'mine', node: 'node1' })).rejects.toMatchObject({
        code: 'not-started',
      })
      await expect(host.execute({ type: 'step', clocks: 1 })).rejects.toMatchObject({
        code: 'not-started',
      })
      await host.execute({ type: 'start' })
      await host.execute({ type: 'step-node', node: 'node2', clock: 4 })
      await expect(
        host.execute({ type: 'step-node', node: 'node2', clock: 1 }),
      ).rejects.toMatchObject({
        code: 'clock-in-past',
      })
      await expect(host.query({ type: 'node', node: 'node9' })).rejects.toMatchObject({
        code: 'unknown-node',
      })
    } finally {
      await host.close()
    }
  })

  it('reports a worker that dies as an error of the run, never a hang', async () => {
    const host = await WorkerHost.create(createConfig({ difficulty: 4 }), 2)
    try {
      await host.execute({ type: 'start' })
      // Kill a shard behind the host's back, as a crash would.
      const shards = (host as unknown as { shards: { worker: { terminate(): Promise<number> } }[] })
        .shards
      await shards[1]!.worker.terminate()
      await expect(host.execute({ type: 'step', clocks: 1 })).rejects.toMatchObject({
        code: 'worker-failed',
      })
      await expect(host.query({ type: 'briefs' })).rejects.toThrow(/node3.*failed/)
    } finally {
      await host.close()
    }
  })
})
