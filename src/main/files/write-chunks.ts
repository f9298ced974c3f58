import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { rm } from 'node:fs/promises'
import { setImmediate } from 'node:timers/promises'

/**
 * Writes chunks to a new file at `path` as they come, waiting for the disk to drain so a file of
 * any size passes through little memory. A sync source (a database export) is paused between
 * chunks, so the process keeps serving calls, a cancel among them. On any failure, an abort of
 * `signal` included, the partial file is removed and the error rethrown. Answers the bytes written.
 */
export async function writeChunks(
  path: string,
  chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  signal?: AbortSignal,
): Promise<number> {
  const out = createWriteStream(path)
  // Errors come as events, even while no write is awaited (a full disk) or after a failure (a
  // write the disk finishes after the stream is destroyed): listen throughout, keep the first.
  const failed = new Promise<never>((_, reject) => out.on('error', reject))
  failed.catch(() => undefined)
  let bytes = 0
  try {
    signal?.throwIfAborted()
    for await (const chunk of chunks) {
      signal?.throwIfAborted()
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed])
      else await Promise.race([setImmediate(), failed])
    }
    signal?.throwIfAborted()
    out.end()
    // Closed, not just finished: the file is renamed or read next, which some systems refuse
    // while it is open.
    await Promise.race([once(out, 'close'), failed])
    return bytes
  } catch (error) {
    out.destroy()
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()))
    await rm(path, { force: true })
    throw error
  }
}
