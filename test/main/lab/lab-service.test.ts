import { describe, expect, it } from 'vitest'
import { hostFactory } from '../../../src/main/host/create-host'
import { LabService } from '../../../src/main/lab/lab-service'
import type { NetworkHost, Query } from '../../../src/main/host/network-host'
import type { LabEvents } from '../../../src/shared/lab-events'
import { applyNetworkTick } from '../../../src/shared/network-tick'

/** A host factory that counts the questions each host is asked, by type. */
function countingHosts() {
  const asked = new Map<Query['type'], number>()
  const inner = hostFactory(0)
  const createHost: typeof inner = async (config, state) => {
    const host: NetworkHost = await inner(config, state)
    const query = host.query.bind(host)
    host.query = ((q: Query) => {
      asked.set(q.type, (asked.get(q.type) ?? 0) + 1)
      return query(q)
    }) as NetworkHost['query']
    return host
  }
  return { createHost, asked }
}

describe('the lab service', () => {
  it('runs the next command only once a listener that asked it to wait is done', async () => {
    const service = await LabService.create({ difficulty: 4 }, { createHost: hostFactory(0) })
    let release = () => {}
    const order: string[] = []
    service.onCommand(({ command }) => {
      order.push(`heard ${command.type}`)
      if (command.type === 'start')
        return new Promise<void>((resolve) => (release = () => (order.push('released'), resolve())))
    })
    const first = service.execute({ type: 'start' }, 'lab-api')
    const second = service.execute({ type: 'step', clocks: 1 }, 'lab-api')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(order).toEqual(['heard start'])
    release()
    await Promise.all([first, second])
    expect(order).toEqual(['heard start', 'released', 'heard step'])
    await service.close()
  })

  it('builds a new network from the settings given and, for the rest, the running one', async () => {
    const service = await LabService.create(
      { difficulty: 4, seed: 5, autoMine: { interval: 50, hashPower: [1, 1, 2] } },
      { createHost: hostFactory(0) },
    )
    await service.execute({ type: 'set-auto-mine', interval: 20 }, 'lab-api')
    await service.execute({ type: 'set-workload', rate: 0.5 }, 'lab-api')
    const same = await service.createNetwork({ latency: 1 })
    // The switches as they stand now, not as the network was created.
    expect(same).toMatchObject({ seed: 5, difficulty: 4, latency: 1, autoMine: 20, workload: 0.5 })
    expect(service.config.autoMine).toEqual({ interval: 20, hashPower: [1, 1, 2] })
    const other = await service.createNetwork({ nodes: 4, interval: null, txRate: 0 })
    expect(other).toMatchObject({ autoMine: null, workload: null, latency: 1 })
    expect(other.nodes).toHaveLength(4)
    await service.close()
  })

  it('replays the same workload and miners after a reset: a reset is the same network from clock 0, seed and all', async () => {
    const service = await LabService.create(
      {
        difficulty: 4,
        nodes: 3,
        autoMine: { interval: 5, hashPower: null },
        workload: { rate: 1, minValue: 1, maxValue: 2 },
      },
      { createHost: hostFactory(0) },
    )
    const heard: string[][] = [[]]
    service.onNetworkCreated(() => void heard.push([]))
    service.onCommand(({ events }) => {
      for (const e of events)
        // The workload's transfers enter as a controller's would; relays come from a peer.
        if (e.kind === 'tx.accepted' && !('peer' in e.origin))
          heard.at(-1)!.push(`${e.clock} ${e.node} ${e.tx.sender}>${e.tx.recipient} ${e.tx.value}`)
        else if (e.kind === 'block.mined')
          heard.at(-1)!.push(`${e.clock} ${e.node} mined ${e.block.hash}`)
    })
    await service.execute({ type: 'start' }, 'lab-api')
    await service.execute({ type: 'step', clocks: 60 }, 'lab-api')
    await service.resetNetwork('lab-api')
    await service.execute({ type: 'step', clocks: 60 }, 'lab-api')
    expect(heard).toHaveLength(2)
    expect(heard[0]!.filter((h) => h.includes('mined')).length).toBeGreaterThan(0)
    expect(heard[0]!.length).toBeGreaterThan(10)
    expect(heard[1]).toEqual(heard[0])
    await service.close()
  })

  it('pushes a compact overview after each command, and the whole one only for a new network', async () => {
    const service = await LabService.create({ difficulty: 4 }, { createHost: hostFactory(0) })
    const heard: { name: keyof LabEvents; clock: number }[] = []
    service.bus.on('network', (info) => heard.push({ name: 'network', clock: info.clock }))
    service.bus.on('network-tick', (tick) =>
      heard.push({ name: 'network-tick', clock: tick.clock }),
    )
    const before = await service.info()
    await service.execute({ type: 'start' }, 'lab-api')
    await service.execute({ type: 'step', clocks: 3 }, 'lab-api')
    expect(heard).toEqual([
      { name: 'network-tick', clock: 0 },
      { name: 'network-tick', clock: 3 },
    ])
    // The tick brings the overview seen before up to the one the service answers now.
    expect(applyNetworkTick(before, await service.tick())).toEqual(await service.info())
    await service.createNetwork({ nodes: 4 })
    expect(heard.at(-1)).toEqual({ name: 'network', clock: 0 })
    await service.close()
  })

  it('asks the nodes for the overview once per command, however many want it', async () => {
    const { createHost, asked } = countingHosts()
    const service = await LabService.create({ difficulty: 4 }, { createHost })
    service.bus.on('network-tick', () => {})
    await service.execute({ type: 'start' }, 'lab-api')
    asked.clear()
    await service.execute({ type: 'step', clocks: 1 }, 'lab-api')
    await service.info()
    await service.tick()
    await service.info()
    expect(asked.get('briefs')).toBe(1)
    await service.execute({ type: 'step', clocks: 1 }, 'lab-api')
    expect((await service.info()).clock).toBe(2)
    expect(asked.get('briefs')).toBe(2)
    await service.close()
  })

  it('says in each tick the seq of the last event made, for clients that follow the event stream', async () => {
    const service = await LabService.create(
      { difficulty: 4, autoMine: { interval: 2, hashPower: null } },
      { createHost: hostFactory(0) },
    )
    const published: number[] = []
    service.bus.on('engine', (events) => published.push(...events.map((e) => e.seq)))
    expect((await service.tick()).eventSeq).toBe(0)
    await service.execute({ type: 'start' }, 'lab-api')
    for (let i = 0; i < 5; i++) {
      await service.execute({ type: 'step', clocks: 3 }, 'lab-api')
      expect((await service.tick()).eventSeq).toBe(published.at(-1))
    }
    // A step that makes no event leaves it where it was.
    const idle = await LabService.create({ difficulty: 4 }, { createHost: hostFactory(0) })
    await idle.execute({ type: 'start' }, 'lab-api')
    const started = (await idle.tick()).eventSeq
    expect(started).toBeGreaterThan(0)
    await idle.execute({ type: 'step', clocks: 5 }, 'lab-api')
    expect((await idle.tick()).eventSeq).toBe(started)
    // A new network numbers its events afresh.
    await service.createNetwork({ nodes: 4 })
    expect((await service.tick()).eventSeq).toBe(0)
    await service.close()
    await idle.close()
  })
})
