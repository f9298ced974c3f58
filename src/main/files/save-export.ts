import { rename, rm } from 'node:fs/promises'
import { writeChunks } from './write-chunks'

export interface ExportProgress {
  /** Lines written so far. */
  readonly done: number
  /** Lines expected. */
  readonly total: number
}

/** At most this many reports (and one at the end): each crosses to the window as a message. */
const REPORTS = 100

function newlines(chunk: string): number {
  let count = 0
  for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) count++
  return count
}

/**
 * Saves an export's chunks (whole lines each) to `path`, reporting the lines written against
 * the `total` expected. The file is written beside `path` and moved there once complete, so a
 * cancel (an abort of `signal`) or a failure leaves no partial file behind, and spares a file the
 * user chose to replace.
 */
export async function saveExport(
  path: string,
  chunks: Iterable<string> | AsyncIterable<string>,
  options: {
    readonly total: number
    readonly signal?: AbortSignal
    readonly onProgress?: (progress: ExportProgress) => void
  },
): Promise<{ lines: number; bytes: number }> {
  const { total, signal, onProgress } = options
  let lines = 0
  let reported = -1
  // Counted as each chunk is asked for, that is once the one before it is written.
  async function* counted(): AsyncGenerator<string> {
    for await (const chunk of chunks) {
      yield chunk
      lines += newlines(chunk)
      // A live run grows meanwhile: never more than all of it before the end.
      const done = Math.min(lines, total)
      const step = total === 0 ? REPORTS : Math.floor((done * REPORTS) / total)
      if (step > reported) {
        reported = step
        onProgress?.({ done, total })
      }
    }
  }
  const partial = `${path}.partial`
  const bytes = await writeChunks(partial, counted(), signal)
  try {
    await rename(partial, path)
  } catch (error) {
    await rm(partial, { force: true })
    throw error
  }
  onProgress?.({ done: lines, total: Math.max(lines, total) })
  return { lines, bytes }
}
