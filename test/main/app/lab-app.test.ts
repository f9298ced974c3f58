import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { hostFactory } from '../../../src/main/host/create-host'
import { startLab } from '../../../src/main/app/lab-app'
import { sourcePlatform } from '../../../src/main/app/platform'
import type { HostFactory } from '../../../src/main/lab/lab-service'
import { freePortRange } from '../../support/free-port'

const bindable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })

describe('the lab', () => {
  it('lets go of the ports it bound for a new network that then failed to start', async () => {
    const first = await freePortRange(5)
    const real = hostFactory(0)
    let hosts = 0
    const createHost: HostFactory = async (config, state) => {
      if (hosts++ > 0) throw new Error('the new network could not start')
      return real(config, state)
    }
    const lab = await startLab({
      network: { difficulty: 4 },
      firstPort: first,
      labPort: 0,
      platform: sourcePlatform('test'),
      createHost,
    })
    try {
      await expect(lab.service.createNetwork({ nodes: 5 })).rejects.toThrow(/could not start/)
      expect(await bindable(first + 3)).toBe(true)
      expect(await bindable(first + 4)).toBe(true)
      expect([...lab.nodeUrls().keys()]).toEqual(['node1', 'node2', 'node3'])
      const answer = await fetch(`${lab.nodeUrls().get('node3')}/status`)
      expect(answer.status).toBe(409) // still node3's server: not started yet
    } finally {
      await lab.close()
    }
  })
})

describe('the one handler set', () => {
  it("runs a sweep asked over the lab API in the platform's sweep worker (the desktop's bundle)", async () => {
    const lab = await startLab({
      network: { difficulty: 4 },
      firstPort: 0,
      labPort: 0,
      platform: {
        appVersion: 'test',
        workers: { sweep: new URL('../../support/tagged-sweep-worker.ts', import.meta.url) },
      },
    })
    try {
      const answer = await fetch(`${lab.labUrl}/api/sweeps`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          sweep: {
            base: { nodes: 3, topology: 'mesh', clocks: 50, difficulty: 1 },
            vary: {},
            seeds: [1],
          },
        }),
      })
      expect(answer.status).toBe(200)
      const { rows } = (await answer.json()) as { rows: { clocksPerSecond: number }[] }
      expect(rows.map((row) => row.clocksPerSecond)).toEqual([12_345]) // tagged-sweep-worker.ts's tag
    } finally {
      await lab.close()
    }
  })
})
