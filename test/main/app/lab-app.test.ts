import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { hostFactory } from '../../../src/main/host/create-host'
import { startLab } from '../../../src/main/app/lab-app'
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
