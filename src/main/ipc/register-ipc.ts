import type { IpcMain, WebContents } from 'electron'
import type { IpcEnvelope } from '../../shared/ipc-envelope'
import { LAB_METHODS, LAB_METHOD_NAMES, channelOf } from '../../shared/lab-contract'
import type { Caller, ServedHandlers } from '../handlers/caller'
import { answerValue } from '../handlers/json-text'
import { parseInput, toErrorData } from '../../shared/errors'

/**
 * Serves the lab contract over IPC. Calls are accepted only from windows this process created
 * (Fiddle's IpcMainManager does the same), and every argument is validated before use. Every
 * call is the `caller`'s: the desktop window, with its file dialogs.
 */
export function registerIpc(
  ipcMain: IpcMain,
  handlers: ServedHandlers,
  caller: Caller,
  isOwnWindow: (sender: WebContents) => boolean,
): () => void {
  for (const name of LAB_METHOD_NAMES) {
    ipcMain.handle(
      channelOf(name),
      async (event, input: unknown): Promise<IpcEnvelope<unknown>> => {
        if (!isOwnWindow(event.sender))
          return { ok: false, error: { code: 'forbidden', message: 'unknown sender' } }
        try {
          const parsed = parseInput(LAB_METHODS[name].input, input ?? {})
          const handler = handlers[name] as (input: unknown, caller: Caller) => Promise<unknown>
          return { ok: true, value: answerValue(await handler(parsed, caller)) }
        } catch (error) {
          return { ok: false, error: toErrorData(error) }
        }
      },
    )
  }
  return () => {
    for (const name of LAB_METHOD_NAMES) ipcMain.removeHandler(channelOf(name))
  }
}
