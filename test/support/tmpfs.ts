import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A small RAM file system: a disk that fills, or turns read-only, on demand. Needs root. */
export interface Tmpfs {
  readonly dir: string
  /** Makes the file system read-only (EROFS on every write). */
  readOnly(): void
  unmount(): void
}

/**
 * Mounts a tmpfs of `size` (mount's syntax: '2m') in a new temporary folder, or answers why it
 * cannot (not root, or no right to mount here): the tests that need one skip, saying so.
 */
export function mountTmpfs(size: string): Tmpfs | string {
  if (process.getuid?.() !== 0) return 'a tmpfs needs root'
  const dir = mkdtempSync(join(tmpdir(), 'chain-lab-tmpfs-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' })
  } catch (error) {
    rmdirSync(dir)
    return `mount failed: ${(error as Error).message.split('\n')[0]}`
  }
  return {
    dir,
    readOnly: () => execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' }),
    unmount: () => {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' })
      rmdirSync(dir)
    },
  }
}
