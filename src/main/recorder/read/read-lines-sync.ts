import { closeSync, openSync, readSync } from 'node:fs'

const NEWLINE = 0x0a

/** A line longer than this cannot be a row of ours: V8 could not even hold it as a string. */
export const MAX_LINE_BYTES = 256 * 1024 * 1024

export class LineTooLongError extends Error {
  override readonly name = 'LineTooLongError'
  constructor(readonly line: number) {
    super(`line ${line} is over ${MAX_LINE_BYTES} bytes`)
  }
}

/**
 * A file's lines (without their newline), read a chunk at a time, synchronously: the run-file
 * import reads inside one better-sqlite3 transaction, which cannot await. Lines are split on the
 * newline byte before decoding, which is safe in UTF-8 (no multi-byte character contains 0x0a),
 * so a character cut by a chunk boundary is decoded whole. A last line without a newline is
 * still yielded.
 */
export function* readLinesSync(path: string, chunkBytes = 1024 * 1024): Generator<string> {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes)
    // The pieces of a line that started in an earlier chunk (copied: the buffer is reused).
    let pieces: Buffer[] = []
    let pieceBytes = 0
    let lineNumber = 0
    for (;;) {
      const read = readSync(fd, buffer, 0, chunkBytes, null)
      if (read === 0) break
      const chunk = buffer.subarray(0, read)
      let start = 0
      for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
        lineNumber++
        if (pieceBytes + nl - start > MAX_LINE_BYTES) throw new LineTooLongError(lineNumber)
        const tail = chunk.subarray(start, nl)
        yield pieces.length === 0
          ? tail.toString('utf8')
          : Buffer.concat([...pieces, tail]).toString('utf8')
        pieces = []
        pieceBytes = 0
        start = nl + 1
      }
      if (start < read) {
        pieceBytes += read - start
        if (pieceBytes > MAX_LINE_BYTES) throw new LineTooLongError(lineNumber + 1)
        pieces.push(Buffer.from(chunk.subarray(start)))
      }
    }
    if (pieceBytes > 0) yield Buffer.concat(pieces).toString('utf8')
  } finally {
    closeSync(fd)
  }
}
