// A worker thread that lowers its own priority and says what its nice value became, and the
// process's main thread's.
import { readFileSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { lowerThreadPriority } from '../../src/main/workers/thread-priority'

/** A thread's nice value: field 19 of its stat line (after the name in parentheses). */
function niceOf(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
}

const lowered = lowerThreadPriority()
parentPort?.postMessage({
  lowered,
  thread: niceOf(readFileSync('/proc/thread-self/stat', 'utf8')),
  main: niceOf(readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8')),
})
