import { describe, expect, it } from 'vitest'
import { hostFactory } from '../../../src/main/host/create-host'
import { LabService } from '../../../src/main/lab/lab-service'
import type { NetworkHost, Query } from '../../../src/main/host/network-host'
import type { LabEvents } from '../../../src/shared/api-types'
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
})
