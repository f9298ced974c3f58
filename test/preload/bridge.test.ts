import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { LabBridge } from '../../src/shared/lab-bridge'
import { EVENT_CHANNEL, LAB_METHOD_NAMES, channelOf } from '../../src/shared/lab-method-names'

// Electron's renderer side as far as the preload uses it: what it exposes, and the IPC it sends.
const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>()
  const listeners = new Set<(event: unknown, message: unknown) => void>()
  return {
    exposed,
    listeners,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, input: unknown) => ({
        ok: true,
        value: { channel, input },
      })),
      on: (_channel: string, listener: (event: unknown, message: unknown) => void) =>
        listeners.add(listener),
      off: (_channel: string, listener: (event: unknown, message: unknown) => void) =>
        listeners.delete(listener),
    },
  }
})
vi.mock('electron', () => ({
  contextBridge: electron.contextBridge,
  ipcRenderer: electron.ipcRenderer,
}))

describe('the preload bridge', () => {
  let bridge: LabBridge
  beforeAll(async () => {
    await import('../../src/preload/index')
    bridge = electron.exposed.get('chainLab') as LabBridge
  })

  it('exposes window.chainLab: each method of the contract and subscribe, nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['chainLab'])
    expect(Object.keys(bridge).sort()).toEqual([...LAB_METHOD_NAMES, 'subscribe'].sort())
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true)
  })

  it("sends each method on its channel and answers the main side's envelope as it is", async () => {
    expect(await bridge.step({ clocks: 3 })).toEqual({
      ok: true,
      value: { channel: channelOf('step'), input: { clocks: 3 } },
    })
  })

  it('hears only the events subscribed to, until unsubscribed', () => {
    const heard: unknown[] = []
    const off = bridge.subscribe('network', (info) => heard.push(info))
    const push = (message: unknown) => {
      for (const listener of electron.listeners) listener({ channel: EVENT_CHANNEL }, message)
    }
    push({ name: 'network', payload: { clock: 1 } })
    push({ name: 'engine', payload: [] })
    off()
    push({ name: 'network', payload: { clock: 2 } })
    expect(heard).toEqual([{ clock: 1 }])
    expect(electron.listeners.size).toBe(0)
  })
})
