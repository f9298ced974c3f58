import { contextBridge, ipcRenderer } from 'electron'
import type { LabEventName, LabEvents } from '../shared/lab-events'
import type { LabBridge } from '../shared/lab-bridge'
import { EVENT_CHANNEL, LAB_METHOD_NAMES, channelOf } from '../shared/lab-method-names'

// Built from the list of method names, so the bridge cannot drift from the contract; it exposes
// named functions only, never ipcRenderer itself.
const methods = Object.fromEntries(
  LAB_METHOD_NAMES.map((name) => [
    name,
    (input: unknown) => ipcRenderer.invoke(channelOf(name), input),
  ]),
)

const bridge: LabBridge = {
  ...(methods as Omit<LabBridge, 'subscribe'>),
  subscribe<K extends LabEventName>(name: K, listener: (payload: LabEvents[K]) => void) {
    const onEvent = (
      _event: Electron.IpcRendererEvent,
      message: { name: LabEventName; payload: unknown },
    ) => {
      if (message.name === name) listener(message.payload as LabEvents[K])
    }
    ipcRenderer.on(EVENT_CHANNEL, onEvent)
    return () => {
      ipcRenderer.off(EVENT_CHANNEL, onEvent)
    }
  },
}

contextBridge.exposeInMainWorld('chainLab', bridge)
