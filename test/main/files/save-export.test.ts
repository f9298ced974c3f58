import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { saveExport, type ExportProgress } from '../../../src/main/files/save-export'
import { tempDir } from '../../support/recording'

/** `count` chunks of ten lines each. */
function* chunks(count: number): Generator<string> {
  for (let i = 0; i < count; i++)
    yield Array.from({ length: 10 }, (_, j) => `{"line":${i * 10 + j}}\n`).join('')
}

describe('saving an export to a file', () => {
  let temp: ReturnType<typeof tempDir>
  beforeEach(() => (temp = tempDir()))
  afterEach(() => temp.remove())

  it('writes every chunk and reports the lines written, up to all of them', async () => {
    const path = join(temp.dir, 'run.jsonl')
    const progress: ExportProgress[] = []
    const saved = await saveExport(path, chunks(500), {
      total: 5_000,
      onProgress: (p) => progress.push(p),
    })
    expect(saved.lines).toBe(5_000)
    expect(readFileSync(path, 'utf8')).toBe([...chunks(500)].join(''))
    expect(saved.bytes).toBe(readFileSync(path).length)
    // Reported along the way, not per chunk, in order, ending at the total.
    expect(progress.length).toBeGreaterThan(10)
    expect(progress.length).toBeLessThanOrEqual(102)
    const done = progress.map((p) => p.done)
    expect(done).toEqual([...done].sort((a, b) => a - b))
    expect(progress.at(-1)).toEqual({ done: 5_000, total: 5_000 })
    expect(readdirSync(temp.dir)).toEqual(['run.jsonl'])
  })

  it('stops when cancelled from another task, leaving no file and the replaced one intact', async () => {
    const path = join(temp.dir, 'run.csv')
    writeFileSync(path, 'the file the user chose to replace\n')
    const controller = new AbortController()
    const progress: ExportProgress[] = []
    // Endless: only the cancel can end it, so the writer must let the cancel's task run.
    function* endless(): Generator<string> {
      for (let i = 0; ; i++) yield `${'x'.repeat(100)}\n`.repeat(100)
    }
    const saving = saveExport(path, endless(), {
      total: 1_000_000,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p)
        if (progress.length === 3) setImmediate(() => controller.abort())
      },
    })
    await expect(saving).rejects.toMatchObject({ name: 'AbortError' })
    expect(progress.length).toBeGreaterThanOrEqual(3)
    expect(readFileSync(path, 'utf8')).toBe('the file the user chose to replace\n')
    expect(readdirSync(temp.dir)).toEqual(['run.csv'])
  })

  it('leaves no partial file when the export itself fails', async () => {
    const path = join(temp.dir, 'run.chain-lab-run')
    function* failing(): Generator<string> {
      yield* chunks(50)
      throw new Error('the database went away')
    }
    await expect(saveExport(path, failing(), { total: 1_000 })).rejects.toThrow(/went away/)
    expect(existsSync(path)).toBe(false)
    expect(readdirSync(temp.dir)).toEqual([])
  })
})
