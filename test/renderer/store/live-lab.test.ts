import { describe, expect, it, vi } from 'vitest'
import type { LabEvents, NetworkInfo } from '../../../src/shared/api-types'
import type { LabClient } from '../../../src/shared/lab-bridge'
import { EVENT_LOG_LENGTH, LiveLab } from '../../../src/renderer/src/store/live-lab'
import { forkStory, manyAcceptances } from '../events/log-fixtures'

const network = { clock: 0, nodes: [], links: [], accounts: [] } as Partial<NetworkInfo>

/** A client whose pushed events the test sends by hand. */
function pushingClient() {
  const listeners = new Map<string, (payload: unknown) => void>()
  const client = {
    getNetwork: async () => network,
    subscribe: (name: string, listener: (payload: unknown) => void) => {
      listeners.set(name, listener)
      return () => listeners.delete(name)
    },
  } as Partial<LabClient> as LabClient
  const push = (events: LabEvents['engine']) => listeners.get('engine')!(events)
  return { client, push }
}

describe("the live lab's event log", () => {
  it('keeps the events the log shows, in order, and the latest reorganisation for the notice', async () => {
    const { client, push } = pushingClient()
    const lab = new LiveLab(client)
    lab.start()
    push(forkStory())
    await vi.waitFor(() => expect(lab.log).toHaveLength(7))
    // The drop of a block node3 already had is not in it.
    expect(lab.log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 6, 7, 8])
    expect(lab.lastReorg).toMatchObject({ kind: 'chain.reorg', node: 'node1', depth: 1 })
    lab.clearLog()
    expect(lab.log).toEqual([])
    expect(lab.lastReorg).toBeNull()
  })

  it(`keeps the newest ${EVENT_LOG_LENGTH.toLocaleString()} entries of a long live run`, async () => {
    const { client, push } = pushingClient()
    const lab = new LiveLab(client)
    lab.start()
    const events = manyAcceptances(EVENT_LOG_LENGTH + 10)
    push(events)
    await vi.waitFor(() => expect(lab.log).toHaveLength(EVENT_LOG_LENGTH))
    expect(lab.log[0]!.seq).toBe(11)
    expect(lab.log.at(-1)!.seq).toBe(EVENT_LOG_LENGTH + 10)
  })
})
