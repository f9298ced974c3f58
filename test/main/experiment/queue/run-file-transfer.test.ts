import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  downloadRunFile,
  RunFileTooLargeError,
  uploadRunFile,
} from '../../../../src/main/experiment/queue/run-file-transfer'
import { tempDir } from '../../../support/recording'
import { REDIS_MISSING, requireRedisOnCi, startRedis } from '../../../support/redis-server'

const binary = requireRedisOnCi()
if (!binary) console.warn(`skipped: ${REDIS_MISSING}`)

/** Lines that gzip cannot shrink much, so they span several chunks. */
const lines = Array.from(
  { length: 300 },
  (_, i) => `{"t":"events","seq":${i},"data":"${randomBytes(3_000).toString('base64')}"}\n`,
)

describe.skipIf(!binary)('a run file through Redis', () => {
  let server: Awaited<ReturnType<typeof startRedis>>
  let redis: Redis

  beforeAll(async () => {
    server = await startRedis(binary as string)
    redis = new Redis({ host: '127.0.0.1', port: server.port })
  })

  afterAll(async () => {
    redis?.disconnect()
    await server?.stop()
  })

  it('goes up gzipped in chunks that expire, and comes down as the same bytes', async () => {
    const temp = tempDir()
    try {
      const ref = await uploadRunFile(redis, 'chain-lab:run-file:t:1', lines, {
        chunkBytes: 256 * 1024,
      })
      expect(ref.chunks).toBeGreaterThan(2)
      expect(await redis.llen(ref.key)).toBe(ref.chunks)
      expect(await redis.ttl(ref.key)).toBeGreaterThan(0)
      const file = join(temp.dir, 'run.chain-lab-run')
      await downloadRunFile(redis, ref, file)
      expect(readFileSync(file, 'utf8')).toBe(lines.join(''))
    } finally {
      temp.remove()
    }
  })

  it('is refused past its size limit, leaving nothing in Redis', async () => {
    const key = 'chain-lab:run-file:t:2'
    await expect(
      uploadRunFile(redis, key, lines, { chunkBytes: 64 * 1024, maxBytes: 200 * 1024 }),
    ).rejects.toThrow(RunFileTooLargeError)
    expect(await redis.exists(key)).toBe(0)
  })

  it('is refused on download when it is larger than its reference says', async () => {
    const ref = await uploadRunFile(redis, 'chain-lab:run-file:t:3', lines)
    const temp = tempDir()
    try {
      await expect(
        downloadRunFile(redis, { ...ref, bytes: 10 }, join(temp.dir, 'x')),
      ).rejects.toThrow(/larger than announced/)
    } finally {
      temp.remove()
    }
  })
})
