import { describe, expect, it } from 'vitest'
import { hostLog } from '../../support/host-log'
import { randomWorkload } from '../../support/workloads'
import type { Command } from '../../../src/core/commands'
import { createConfig, type NetworkConfigInput } from '../../../src/core/config'
import { InProcessHost } from '../../../src/main/host/in-process-host'
import type { NetworkHost } from '../../../src/main/host/network-host'
import { WorkerHost } from '../../../src/main/host/worker-host'

/** A seeded workload: mining, transfers, a partition and its heal, steps of varied length. */

/** The commands' results and events, then where every node ended, as one text to compare. */
async function run(host: NetworkHost, commands: readonly Command[]): Promise<string> {
  try {
    const log = await hostLog(host, commands)
    return JSON.stringify([...log, await host.query({ type: 'briefs' })])
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

  it('gives exactly the events of one thread when links come up (heals, peer/add)', async () => {
    // A line node1-node2-node3-node4 with node2-node3 cut and node4 unlinked: three sides mine,
    // then links come up while some ends are busy and, later, while nodes are at different clocks.
    const config = createConfig({ nodes: 4, topology: { kind: 'line' }, difficulty: 6 })
    const commands: Command[] = [
      { type: 'start' },
      { type: 'cut-link', a: 'node2', b: 'node3' },
      { type: 'clear-peers', node: 'node4' },
      { type: 'mine', node: 'node1' },
      { type: 'mine', node: 'node4' },
      { type: 'step', clocks: 5 },
      { type: 'mine', node: 'node3' },
      { type: 'mine', node: 'node1' },
      { type: 'step', clocks: 2 },
      // node3 and node1 are mining: their announcements wait; node2 and node4 announce at once.
      { type: 'heal-link', a: 'node3', b: 'node2' },
      { type: 'add-link', a: 'node4', b: 'node1' },
      { type: 'step', clocks: 20 },
      { type: 'mine', node: 'node4' },
      { type: 'step', clocks: 4 },
      { type: 'cut-link', a: 'node4', b: 'node1' },
      { type: 'step-node', node: 'node4', clock: 40 },
      { type: 'step-node', node: 'node2', clock: 33 },
      { type: 'heal-link', a: 'node1', b: 'node4' },
      { type: 'add-link', a: 'node4', b: 'node2' },
      { type: 'step-node', node: 'node1', clock: 36 },
      { type: 'step-node', node: 'node3', clock: 34 },
      { type: 'step', clocks: 12 },
    ]
    const expected = await run(new InProcessHost(config), commands)
    const log = JSON.parse(expected) as unknown[]
    const addLink = commands.findIndex((c) => c.type === 'add-link')
    expect(log[2 * addLink + 1]).toContainEqual(
      expect.objectContaining({ kind: 'message.sent', type: 'NEW_BLOCK', node: 'node4' }),
    )
    for (const workers of [2, 4]) {
      expect(await run(await WorkerHost.create(config, workers), commands)).toBe(expected)
    }
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

  it('answers the links as the last command that could change them left them', async () => {
    const config = createConfig({ nodes: 4, topology: { kind: 'ring' }, difficulty: 4 })
    const host = await WorkerHost.create(config, 2)
    const inProcess = new InProcessHost(config)
    const both = async (command: Command) => {
      await host.execute(command)
      await inProcess.execute(command)
      const links = await host.query({ type: 'links' })
      expect(links).toEqual(await inProcess.query({ type: 'links' }))
      return links
    }
    try {
      const started = await both({ type: 'start' })
      // Clocks, blocks and transfers change no link: the same summaries, not asked again.
      for (const command of [
        { type: 'step', clocks: 3 },
        { type: 'mine', node: 'node1' },
        { type: 'step-node', node: 'node2', clock: 6 },
        { type: 'set-auto-mine', interval: 5 },
      ] satisfies Command[])
        expect((await both(command))[0]).toBe(started[0])
      // Each command that changes them is seen at once, and answered by the shards again.
      const cut = await both({ type: 'cut-link', a: 'node1', b: 'node2' })
      expect(cut.find((l) => l.a === 'node1' && l.b === 'node2')?.up).toBe(false)
      expect(cut[0]).not.toBe(started[0])
      await both({ type: 'heal-link', a: 'node1', b: 'node2' })
      await both({ type: 'remove-link', a: 'node3', b: 'node4' })
      await both({ type: 'add-link', a: 'node1', b: 'node3' })
      await both({ type: 'clear-peers', node: 'node2' })
      expect(await both({ type: 'step', clocks: 2 })).toHaveLength(2)
      // Each answer is a list of its own.
      const answer = await host.query({ type: 'links' })
      answer.pop()
      expect(await host.query({ type: 'links' })).toHaveLength(2)
    } finally {
      await host.close()
    }
  })

  it('keeps no links fetched while a command changed them, and answers a brief alone', async () => {
    const config = createConfig({ nodes: 4, topology: { kind: 'ring' }, difficulty: 4 })
    const host = await WorkerHost.create(config, 2)
    const inProcess = new InProcessHost(config)
    try {
      // The links are asked for, and cut before the answer comes back: that answer is not kept.
      const asked = host.query({ type: 'links' })
      const cut: Command = { type: 'cut-link', a: 'node1', b: 'node2' }
      await Promise.all([asked, host.execute(cut)])
      await inProcess.execute(cut)
      expect(await host.query({ type: 'links' })).toEqual(await inProcess.query({ type: 'links' }))
      for (const command of [
        { type: 'start' },
        { type: 'step-node', node: 'node3', clock: 4 },
      ] satisfies Command[]) {
        await host.execute(command)
        await inProcess.execute(command)
        // Asked alone, before the whole list: the same as one thread's.
        for (const node of config.nodes)
          expect(await host.query({ type: 'brief', node })).toEqual(
            await inProcess.query({ type: 'brief', node }),
          )
      }
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
      type Thread = { terminate(): Promise<number> }
      const shards = (host as unknown as { shards: { worker: { worker: Thread } }[] }).shards
      await shards[1]!.worker.worker.terminate()
      await expect(host.execute({ type: 'step', clocks: 1 })).rejects.toMatchObject({
        code: 'worker-failed',
      })
      await expect(host.query({ type: 'briefs' })).rejects.toThrow(/node3.*failed/)
    } finally {
      await host.close()
    }
  })
})
