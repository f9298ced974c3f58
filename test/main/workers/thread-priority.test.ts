import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { startWorker } from '../../../src/main/workers/start-worker'

describe("a job thread's priority", () => {
  it.runIf(existsSync('/proc/thread-self'))(
    "is lowered for that thread alone: the process's main thread keeps its own",
    async () => {
      const mainBefore = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8')
      const worker = startWorker(new URL('../../support/priority-worker.ts', import.meta.url))
      try {
        const said = await new Promise<{ lowered: boolean; thread: number; main: number }>(
          (resolve, reject) => {
            worker.once('message', resolve)
            worker.once('error', reject)
          },
        )
        const before = Number(mainBefore.slice(mainBefore.lastIndexOf(')') + 2).split(' ')[16])
        expect(said).toEqual({ lowered: true, thread: Math.max(before, 10), main: before })
      } finally {
        await worker.terminate()
      }
    },
  )
})
