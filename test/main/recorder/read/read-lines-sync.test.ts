import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readLinesSync } from '../../../../src/main/recorder/read/read-lines-sync'
import { tempDir } from '../../../support/recording'

describe('reading a file line by line', () => {
  let temp: ReturnType<typeof tempDir>
  beforeEach(() => (temp = tempDir()))
  afterEach(() => temp.remove())

  it('answers the same lines whatever the chunk size, multi-byte characters cut included', () => {
    const lines = ['{"name":"Ünïcödé ✓ 🚀"}', '', 'plain', '€€€€€€€€', '🚀'.repeat(40), 'last']
    const file = join(temp.dir, 'lines.txt')
    writeFileSync(file, `${lines.join('\n')}\n`)
    for (const chunk of [1, 2, 3, 5, 7, 64, 1 << 20])
      expect([...readLinesSync(file, chunk)], `chunks of ${chunk} bytes`).toEqual(lines)
  })

  it('yields a last line that has no newline', () => {
    const file = join(temp.dir, 'open-ended.txt')
    writeFileSync(file, 'one\ntwo')
    expect([...readLinesSync(file, 2)]).toEqual(['one', 'two'])
    writeFileSync(file, '')
    expect([...readLinesSync(file, 2)]).toEqual([])
  })
})
