import { readlinkSync } from 'node:fs'
import { getPriority, setPriority } from 'node:os'

/**
 * Lowers the calling thread's scheduling priority (to a nice value of at least 10) where the OS keeps it per
 * thread: on Linux setpriority() given a thread's id touches that thread alone (setpriority(2),
 * NOTES), and /proc/thread-self names the id. A long read in a thread of its own (a verify, an
 * export) then leaves the cores to the lab's thread, whose answers are short, when the machine
 * is busy: with two loaded cores the job thread took them turn about with the lab's thread and
 * the API's p99 went past 50 ms. Elsewhere it does nothing; answers whether it did.
 */
export function lowerThreadPriority(nice = 10): boolean {
  let tid: number
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop())
  } catch {
    return false
  }
  if (!Number.isInteger(tid) || tid <= 0) return false
  try {
    // Never raised: a thread already lower stays so (and raising needs privileges).
    setPriority(tid, Math.max(getPriority(tid), nice))
    return true
  } catch {
    return false
  }
}
