import type { IpcMain, WebContents } from 'electron'
import { isEngineError } from '../../core/errors'
import type { IpcEnvelope } from '../../shared/ipc-envelope'
import {
  LAB_METHODS,
  LAB_METHOD_NAMES,
  channelOf,
  type LabHandlers,
} from '../../shared/lab-contract'
import { HttpError } from '../http/http-error'
import { parseInput } from '../http/http-kit'

/**
 * Serves the lab contract over IPC. Calls are accepted only from windows this process created
 * (Fiddle's IpcMainManager does the same), and every argument is validated before use.
 */
export function registerIpc(
  ipcMain: IpcMain,
  handlers: LabHandlers,
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
          const handler = handlers[name] as (input: unknown) => Promise<unknown>
          return { ok: true, value: await handler(parsed) }
        } catch (error) {
          if (error instanceof HttpError || isEngineError(error))
            return { ok: false, error: { code: error.code, message: error.message } }
          console.error(`[ipc] ${name} failed:`, error)
          return { ok: false, error: { code: 'internal', message: 'internal error' } }
        }
      },
    )
  }
  return () => {
    for (const name of LAB_METHOD_NAMES) ipcMain.removeHandler(channelOf(name))
  }
}
