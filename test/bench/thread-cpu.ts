import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

/**
 * Each of this process's threads' CPU seconds, watched from a child process: a thread's counters
 * in /proc go with it, and the writer thread ends before the run it recorded returns. The child
 * reads every thread's counters every 50 ms and keeps the last it saw, so a thread's last 50 ms
 * at most go uncounted.
 */
export function watchThreads(): { stop(): Promise<Map<number, number>> } {
  const child = spawn(process.execPath, ['-e', WATCHER, String(process.pid)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (text: string) => (out += text))
  const ended = new Promise<void>((resolve) => child.on('close', () => resolve()))
  return {
    async stop() {
      child.stdin.end()
      await ended
      const seen = JSON.parse(out || '{}') as Record<string, number>
      return new Map(Object.entries(seen).map(([tid, cpu]) => [Number(tid), cpu]))
    },
  }
}

/**
 * CPU seconds of each thread of process `pid` now, by thread id (utime + stime, fields 14 and 15
 * of a thread's stat, in 1/100 s; the child above reads them the same way, as a string it runs).
 */
export function threadCpu(pid: number): Map<string, number> {
  const seconds = new Map<string, number>()
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      seconds.set(tid, (Number(fields[11]) + Number(fields[12])) / 100)
    } catch {
      // The thread ended between the listing and the reading.
    }
  }
  return seconds
}

/** This process's threads now. */
export function threadIds(): Set<number> {
  return new Set(readdirSync('/proc/self/task').map(Number))
}

// The child: utime + stime (fields 14 and 15 of a thread's stat, in 1/100 s) per thread of the
// process it is given, until its stdin ends; then the last figures as JSON.
const WATCHER = `
const { readdirSync, readFileSync } = require('node:fs')
const pid = process.argv[1]
const seen = {}
const poll = () => {
  let tids = []
  try { tids = readdirSync('/proc/' + pid + '/task') } catch { return }
  for (const tid of tids) {
    try {
      const stat = readFileSync('/proc/' + pid + '/task/' + tid + '/stat', 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      seen[tid] = (Number(fields[11]) + Number(fields[12])) / 100
    } catch {}
  }
}
const timer = setInterval(poll, 50)
process.stdin.resume()
process.stdin.on('end', () => {
  clearInterval(timer)
  poll()
  process.stdout.write(JSON.stringify(seen))
})
`
