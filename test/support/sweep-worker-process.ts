import { spawn, type ChildProcess } from 'node:child_process'
import { until } from './lab-process'

/** A child process whose output is gathered. */
export interface SweepWorkerProcess {
  readonly child: ChildProcess
  /** Everything it printed so far, stdout and stderr together. */
  output(): string
  readonly exited: Promise<number | null>
}

/** `npm run sweep-worker -- --queue URL --concurrency 1 …` as a child process, as a user runs it. */
export function spawnSweepWorker(
  url: string,
  args: readonly string[] = [],
  env: Record<string, string> = {},
): SweepWorkerProcess {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/main/headless/sweep-worker-cli.ts',
      '--queue',
      url,
      '--concurrency',
      '1',
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  )
  return withOutput(child)
}

/** A child process with what it prints gathered, and its exit code to wait for. */
export function withOutput(child: ChildProcess): SweepWorkerProcess {
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => output, exited }
}

/** Resolves with the worker's name once it listens on the queue. */
export async function sweepWorkerReady(worker: SweepWorkerProcess): Promise<string> {
  await until(() => worker.output().includes('sweep worker '), 60_000)
  return `${/sweep worker (\S+)/.exec(worker.output())?.[1]}`
}
