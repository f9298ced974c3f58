import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { Redis } from 'ioredis'
import { freePort } from './free-port'

/** Debian's redis-server: on PATH or where the package puts it; null when neither. */
export function redisServerBinary(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' })
  const onPath = found.status === 0 ? found.stdout.trim() : ''
  if (onPath) return onPath
  return existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null
}

export const REDIS_MISSING =
  'no redis-server found: these tests need one (apt-get install -y redis-server)'

/**
 * The binary, or null, in which case the tests are skipped with REDIS_MISSING; but on CI (which
 * installs it) a missing Redis fails the run instead of quietly skipping what it must test.
 */
export function requireRedisOnCi(): string | null {
  const binary = redisServerBinary()
  if (!binary && process.env['CI']) throw new Error(`CI: ${REDIS_MISSING}`)
  return binary
}

/** A throwaway Redis on 127.0.0.1 and a free port: no disk, no password unless asked. */
export async function startRedis(
  binary: string,
  options: { password?: string } = {},
): Promise<{ port: number; url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort()
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']
  if (options.password) args.push('--requirepass', options.password)
  const child = spawn(binary, args, { stdio: 'ignore' })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const client = new Redis({
    port,
    host: '127.0.0.1',
    ...(options.password ? { password: options.password } : {}),
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
  })
  client.on('error', () => {})
  const deadline = Date.now() + 10_000
  for (;;) {
    try {
      await client.connect()
      await client.ping()
      break
    } catch {
      client.disconnect()
      if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not start`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  client.disconnect()
  return {
    port,
    url: `redis://${options.password ? `:${options.password}@` : ''}127.0.0.1:${port}`,
    child,
    stop: async () => {
      child.kill('SIGKILL')
      await exited
    },
  }
}
