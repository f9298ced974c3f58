import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import type { CommandOrigin } from '../../../src/shared/api-types'
import { LAB_METHOD_NAMES, channelOf } from '../../../src/shared/lab-contract'
import type { IpcEnvelope } from '../../../src/shared/ipc-envelope'
import { registerIpc } from '../../../src/main/ipc/register-ipc'
import { startTestLab, type TestLab } from '../../support/lab'

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<IpcEnvelope<unknown>>

/** ipcMain as far as registerIpc uses it: handlers by channel, invoked as a window would. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>()
  const ipcMain = {
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`a second handler for ${channel}`)
      handlers.set(channel, handler)
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  }
  const invoke = (sender: WebContents, channel: string, input: unknown) => {
    const handler = handlers.get(channel)
    if (!handler) throw new Error(`nothing handles ${channel}`)
    return handler({ sender } as IpcMainInvokeEvent, input)
  }
  return { ipcMain: ipcMain as unknown as IpcMain, handlers, invoke }
}

const ownWindow = { id: 1 } as unknown as WebContents
const otherWindow = { id: 2 } as unknown as WebContents

describe('the lab contract over IPC', () => {
  let lab: TestLab
  let ipc: ReturnType<typeof fakeIpcMain>
  let unregister: () => void
  beforeEach(async () => {
    lab = await startTestLab()
    ipc = fakeIpcMain()
    unregister = registerIpc(
      ipc.ipcMain,
      lab.app.handlers,
      { origin: 'desktop' },
      (sender) => sender === ownWindow,
    )
  })
  afterEach(() => lab.close())

  it('answers every method of the contract on its own channel', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(LAB_METHOD_NAMES.map(channelOf).sort())
  })

  it("answers a call as an envelope, the commands recorded as the desktop's", async () => {
    const origins: CommandOrigin[] = []
    lab.app.service.onCommand((record) => void origins.push(record.origin))
    const answer = await ipc.invoke(ownWindow, channelOf('start'), {})
    expect(answer).toMatchObject({ ok: true, value: { started: true } })
    expect(origins).toEqual(['desktop'])
  })

  it('answers refusals as data with their code: invalid input, and the engine refusing', async () => {
    expect(await ipc.invoke(ownWindow, channelOf('step'), { clocks: 'many' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-body', message: expect.stringMatching(/^clocks: /) },
    })
    expect(await ipc.invoke(ownWindow, channelOf('getNode'), { node: 'node9' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-node' },
    })
  })

  it('refuses a window it did not create, before reading its input', async () => {
    expect(await ipc.invoke(otherWindow, channelOf('reset'), { junk: true })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'unknown sender' },
    })
  })

  it('lets go of every channel when unregistered', () => {
    unregister()
    expect(ipc.handlers.size).toBe(0)
  })
})
