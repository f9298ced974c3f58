// The core's only import from outside itself. Hashing is pure computation, not I/O: node:crypto is
// used because its native SHA-256 is about ten times faster than any JavaScript one, and proof of
// work is the engine's hot loop. Nothing else may import node: modules into src/core.
import { hash } from 'node:crypto'

// crypto.hash is the one-shot form (Node 20.12+): no Hash object per call, about 1.5× the speed
// of createHash().update().digest() on short inputs (shared/perf/baselines.md).

/** Double SHA-256 of a UTF-8 string, as raw bytes. */
export function doubleSha256(text: string): Buffer {
  return hash('sha256', hash('sha256', text, 'buffer'), 'buffer')
}

/** SHA-256 of a UTF-8 string, as lowercase hex. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex')
}
