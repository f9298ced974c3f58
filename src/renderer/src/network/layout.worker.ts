/// <reference lib="webworker" />
import { forceLayout, type LayoutRequest } from './force-layout'

// The layout of thousands of nodes takes seconds: here, off the main thread, the page stays live.
self.onmessage = (message: MessageEvent<LayoutRequest & { id: number }>) => {
  const positions = forceLayout(message.data)
  ;(self as unknown as Worker).postMessage({ id: message.data.id, positions }, [positions.buffer])
}
