import { closeSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { publish } from '../../../src/main/headless/renderer-build'
import { tempDir } from '../../support/recording'

describe("publishing a renderer build into the lab's folder", () => {
  let temp: ReturnType<typeof tempDir>
  afterEach(() => temp.remove())

  function folder(name: string, files: Record<string, string>): string {
    const dir = join(temp.dir, name)
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(dir, file, '..'), { recursive: true })
      writeFileSync(join(dir, file), text)
    }
    return dir
  }

  it('puts every file in place, replacing what was there, and leaves the build empty', () => {
    temp = tempDir()
    const served = folder('renderer', { 'index.html': 'old page', 'assets/a.js': 'old a' })
    const built = folder('build', {
      'index.html': 'new page',
      'assets/a.js': 'new a',
      'assets/b.js': 'b',
    })
    publish(built, served)
    expect(readFileSync(join(served, 'index.html'), 'utf8')).toBe('new page')
    expect(readFileSync(join(served, 'assets/a.js'), 'utf8')).toBe('new a')
    expect(readFileSync(join(served, 'assets/b.js'), 'utf8')).toBe('b')
    expect(() => readFileSync(join(built, 'assets/a.js'))).toThrow()
  })

  it('never lets a file being served be read half old, half new', () => {
    // A page reading a file while another lab publishes over it: a rename leaves the reader the
    // whole old file (writing in place truncated it under the reader).
    temp = tempDir()
    const served = folder('renderer', { 'assets/a.js': 'x'.repeat(100_000) })
    const built = folder('build', { 'assets/a.js': 'y'.repeat(10) })
    const reader = openSync(join(served, 'assets/a.js'), 'r')
    const head = Buffer.alloc(50_000)
    readSync(reader, head, 0, head.length, 0)
    publish(built, served)
    const rest = Buffer.alloc(50_000)
    const read = readSync(reader, rest, 0, rest.length, 50_000)
    closeSync(reader)
    expect(read).toBe(50_000)
    expect(Buffer.concat([head, rest]).toString()).toBe('x'.repeat(100_000))
    expect(readFileSync(join(served, 'assets/a.js'), 'utf8')).toBe('y'.repeat(10))
  })
})
