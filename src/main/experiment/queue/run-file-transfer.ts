// A recorded run's `.chain-lab-run` file through Redis: gzip, in chunks of a list, because a
// run file is easily tens of MiB and a job's result is kept in one Redis value.
import { createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { createGunzip, createGzip } from 'node:zlib'
import type { Redis } from 'ioredis'
import type { RunFileRef } from './sweep-jobs'

export const CHUNK_BYTES = 1024 * 1024
/** Compressed: some 2 GiB of run file. A larger run belongs in a database of its own. */
export const MAX_RUN_FILE_BYTES = 256 * 1024 * 1024
/** A file nobody fetched (its submitter gone) does not stay in Redis for ever. */
const TTL_SECONDS = 24 * 60 * 60

export class RunFileTooLargeError extends Error {
  override readonly name = 'RunFileTooLargeError'
}

/** Pushes the lines, gzipped, as chunks under `key`; resolves with where they are. */
export async function uploadRunFile(
  redis: Redis,
  key: string,
  lines: Iterable<string>,
  { chunkBytes = CHUNK_BYTES, maxBytes = MAX_RUN_FILE_BYTES } = {},
): Promise<RunFileRef> {
  await redis.del(key)
  let chunks = 0
  let bytes = 0
  let pending: Buffer[] = []
  let pendingBytes = 0
  const push = async (force: boolean) => {
    if (pendingBytes === 0 || (!force && pendingBytes < chunkBytes)) return
    const chunk = Buffer.concat(pending)
    pending = []
    pendingBytes = 0
    bytes += chunk.length
    if (bytes > maxBytes) {
      await redis.del(key)
      throw new RunFileTooLargeError(`the run file is over ${maxBytes} bytes gzipped`)
    }
    await redis.multi().rpush(key, chunk).expire(key, TTL_SECONDS).exec()
    chunks++
  }
  // One pipeline, so a refusal (too large, Redis gone) stops the reading and the gzip too.
  let failure: unknown = null
  try {
    await pipeline(Readable.from(lines), createGzip(), async (gzipped: AsyncIterable<Buffer>) => {
      try {
        for await (const piece of gzipped) {
          pending.push(piece)
          pendingBytes += piece.length
          await push(false)
        }
        await push(true)
      } catch (error) {
        failure = error
        throw error
      }
    })
  } catch (error) {
    // The pipeline reports its own abort; the reason is the sink's.
    throw failure ?? error
  }
  return { key, chunks, bytes }
}

/** Writes the run file under `ref` to `path`, a chunk at a time, checking its announced size. */
export async function downloadRunFile(redis: Redis, ref: RunFileRef, path: string): Promise<void> {
  if (ref.bytes > MAX_RUN_FILE_BYTES)
    throw new RunFileTooLargeError(`the run file is over ${MAX_RUN_FILE_BYTES} bytes gzipped`)
  async function* chunks() {
    let seen = 0
    for (let i = 0; i < ref.chunks; i++) {
      const chunk = await redis.lindexBuffer(ref.key, i)
      if (!chunk) throw new Error(`the run file under ${ref.key} is missing chunk ${i}`)
      seen += chunk.length
      if (seen > ref.bytes)
        throw new Error(`the run file under ${ref.key} is larger than announced`)
      yield chunk
    }
  }
  await pipeline(Readable.from(chunks()), createGunzip(), createWriteStream(path))
}
