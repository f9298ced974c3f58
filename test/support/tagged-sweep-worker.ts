// The real sweep worker with its answers tagged (every experiment reports 12,345 clocks a
// second), so a test can tell which worker's code a lab started.
import { parentPort } from 'node:worker_threads'

const TAGGED_CLOCKS_PER_SECOND = 12_345

const port = parentPort!
const post = port.postMessage.bind(port)
port.postMessage = (message: { output?: object }) =>
  post(
    message.output
      ? { ...message, output: { ...message.output, clocksPerSecond: TAGGED_CLOCKS_PER_SECOND } }
      : message,
  )
await import('../../src/main/experiment/sweep-worker')
