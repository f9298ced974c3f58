import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { MAX_NODE_SERVERS } from '../../src/main/app/lab-app'
import { freePort, freePortRange } from './free-port'

/** `npm run lab` as a child process (through tsx, as the npm script runs it). */
export function spawnLab(args: readonly string[]): {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/headless/lab-cli.ts', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => output, exited }
}

/** Resolves once the lab printed that it is ready; rejects if it exits first. */
export function labReady(lab: ReturnType<typeof spawnLab>, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs
    const poll = setInterval(() => {
      if (lab.output().includes('Press Ctrl+C')) {
        clearInterval(poll)
        resolve()
      } else if (Date.now() > deadline) {
        clearInterval(poll)
        reject(new Error(`the lab did not start: ${lab.output()}`))
      }
    }, 25)
    void lab.exited.then((code) => {
      clearInterval(poll)
      reject(new Error(`the lab exited with ${code}: ${lab.output()}`))
    })
  })
}

/** Polls until `predicate` holds, or fails after `ms`. */
export async function until(predicate: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** Free ports for a lab's first node and its lab API, and the flags that pass them. */
export async function freeLabPorts(): Promise<{
  nodePort: number
  labPort: number
  args: string[]
}> {
  // Node N listens on nodePort + N - 1, up to MAX_NODE_SERVERS of them: a test that makes a big
  // network later (the browser test's 2,000 nodes) binds them all then, so all must be free.
  const [nodePort, labPort] = [await freePortRange(MAX_NODE_SERVERS), await freePort()]
  return {
    nodePort,
    labPort,
    args: ['--first-port', String(nodePort), '--lab-port', String(labPort)],
  }
}

/**
 * `npm run lab` as the child of a shell that becomes `sleep` and so never reaps it: killed, the
 * lab stays a zombie (as one reparented to a busy init does), its pid still "alive" to kill -0.
 * `stop` ends the sleep, after which init reaps the zombie.
 */
export function spawnUnreapedLab(
  args: readonly string[],
  options: { env?: Readonly<Record<string, string>> } = {},
) {
  const parent = spawn(
    'sh',
    [
      '-c',
      `"$0" --import tsx src/main/headless/lab-cli.ts "$@" & echo "lab-pid $!"; exec sleep 600`,
      process.execPath,
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  )
  let output = ''
  parent.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  parent.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const parentExited = new Promise<void>((resolve) => parent.on('exit', () => resolve()))
  return {
    output: () => output,
    /** The lab's own pid (the shell's child). */
    labPid: async () => {
      await until(() => /lab-pid \d+/.test(output))
      return Number(/lab-pid (\d+)/.exec(output)?.[1])
    },
    stop: async () => {
      parent.kill('SIGKILL')
      await parentExited
    },
  }
}

/** A process's state letter from /proc (R, S, Z…), or null once it is gone. */
export function processState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
  } catch {
    return null
  }
}

/**
 * `npm run lab` recording to `db` on free ports, with `extra` flags, once it is ready: the lab,
 * its API's address, and a POST of a JSON body to it (the shutdown and fault tests' start).
 */
export async function spawnRecordingLab(db: string, extra: readonly string[] = []) {
  const { labPort, args } = await freeLabPorts()
  const lab = spawnLab([...args, '--db', db, ...extra])
  await until(() => lab.output().includes('Press Ctrl+C'), 60_000)
  const api = `http://127.0.0.1:${labPort}`
  const post = (path: string, body?: unknown) =>
    fetch(`${api}${path}`, { method: 'POST', ...(body ? { body: JSON.stringify(body) } : {}) })
  return { lab, api, post }
}
