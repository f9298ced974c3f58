// The writer thread gives way to the lab's thread when the cores are busy.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createRecordedLab } from '../../../support/recording'

/** This process's threads by id, with their nice values (field 19 of each one's stat line). */
function niceByThread(): Map<string, number> {
  const nice = new Map<string, number>()
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
      nice.set(tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]))
    } catch {
      // The thread ended between the listing and the reading.
    }
  }
  return nice
}

describe('the writer thread', () => {
  let lab: Awaited<ReturnType<typeof createRecordedLab>> | null = null
  afterEach(async () => {
    await lab?.close()
    lab = null
  })

  it.runIf(existsSync('/proc/thread-self'))(
    "runs at a lower priority than the lab's thread, which keeps its own",
    async () => {
      const before = niceByThread()
      const main = before.get(String(process.pid)) as number
      lab = await createRecordedLab()
      await lab.service.execute({ type: 'start' }, 'lab-api')
      await lab.service.execute({ type: 'step', clocks: 5 }, 'lab-api')
      // The run's first rows are written: the writer thread is up.
      await lab.recorder.sync()
      const lowered = [...niceByThread()].filter(
        ([tid, nice]) => !before.has(tid) && nice >= Math.max(main, 10),
      )
      expect(lowered).toHaveLength(1)
      expect(niceByThread().get(String(process.pid))).toBe(main)
    },
  )
})
