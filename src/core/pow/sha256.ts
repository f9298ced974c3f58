// The core's only import from outside itself. Hashing is pure computation, not I/O: node:crypto is
// used because its native SHA-256 is about ten times faster than any JavaScript one, and proof of
// work is the engine's hot loop. Nothing else may import node: modules into src/core.
import { createHash } from 'node:crypto'

/** Double SHA-256 of a UTF-8 string, as raw bytes. */
export function doubleSha256(text: string): Buffer {
  return createHash('sha256').update(createHash('sha256').update(text).digest()).digest()
}

/** SHA-256 of a UTF-8 string, as lowercase hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
