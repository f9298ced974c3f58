import { Redis } from 'ioredis'
import { LabError } from '../../../shared/errors'

/** The connection options both ioredis and BullMQ take. */
export interface QueueConnection {
  readonly host: string
  readonly port: number
  readonly username?: string
  readonly password?: string
  readonly db?: number
  readonly tls?: object
}

/**
 * Where a sweep's queue lives: the connection options, and a label to show. The URL may carry a
 * password (`redis://:secret@host`); only the connection options hold it, never the label, and
 * every message shown goes through `redact` in case a library quoted it.
 */
export interface QueueTarget {
  readonly label: string
  readonly connection: QueueConnection
  redact(text: string): string
}

/** A queue URL that is not one: the message never repeats the URL (it may hold a password). */
export class QueueUrlError extends LabError {
  override name = 'QueueUrlError'
  constructor(message: string) {
    super('invalid-parameter', message)
  }
}

export class QueueUnreachableError extends LabError {
  override name = 'QueueUnreachableError'
  constructor(message: string) {
    super('queue-unreachable', message)
  }
}

/**
 * The variable a password can come from instead of the URL: a command line shows in the process
 * list, and `npm run` prints it.
 */
export const PASSWORD_VARIABLE = 'CHAIN_LAB_QUEUE_PASSWORD'

/** `fallbackPassword` (from PASSWORD_VARIABLE) is used when the URL carries none. */
export function parseQueueUrl(text: string, fallbackPassword?: string): QueueTarget {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new QueueUrlError('the queue must be a URL such as redis://HOST:PORT')
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new QueueUrlError(`the queue must be a redis:// or rediss:// URL, not ${url.protocol}`)
  const db = url.pathname.replace(/^\//, '')
  if (db !== '' && !/^\d{1,2}$/.test(db))
    throw new QueueUrlError('the queue URL may end in a database number (/0 .. /15) only')
  if (url.search || url.hash) throw new QueueUrlError('the queue URL takes no query or fragment')
  const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1'
  const port = url.port ? Number(url.port) : 6379
  const username = decodeURIComponent(url.username)
  const password = decodeURIComponent(url.password) || (fallbackPassword ?? '')
  const secrets = [password, url.password].filter((s) => s.length > 0)
  return {
    label: `${url.protocol}//${url.hostname || host}:${port}${db ? `/${db}` : ''}`,
    connection: {
      host,
      port,
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
      ...(db ? { db: Number(db) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    },
    redact: (message) => secrets.reduce((m, s) => m.split(s).join('***'), message),
  }
}

/**
 * Connects once and pings, giving up after `timeoutMs`: a queue that cannot be reached is
 * reported before anything is queued or written, instead of the endless reconnecting a queue
 * client does.
 */
export async function checkReachable(target: QueueTarget, timeoutMs = 3_000): Promise<void> {
  const redis = new Redis({
    ...target.connection,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  })
  // The socket's own error (ECONNREFUSED, ETIMEDOUT, WRONGPASS) says more than connect()'s.
  let cause: Error | null = null
  redis.on('error', (error: Error) => (cause ??= error))
  const timer = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error(`no answer within ${timeoutMs / 1000} s`)),
      timeoutMs,
    ).unref(),
  )
  try {
    await Promise.race([redis.connect().then(() => redis.ping()), timer])
  } catch (error) {
    const reason = (cause ?? (error instanceof Error ? error : new Error(String(error)))).message
    throw new QueueUnreachableError(
      target.redact(`cannot reach the queue at ${target.label}: ${reason}`),
    )
  } finally {
    redis.disconnect()
  }
}
