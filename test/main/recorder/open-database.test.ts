import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/recorder/open-database'
import { sourceMigrationsFolder } from '../../../src/main/recorder/recorder'
import { tempDir } from '../../support/recording'

const pageSize = (file: string) => {
  const db = new Database(file, { readonly: true })
  const size = db.pragma('page_size', { simple: true }) as number
  db.close()
  return size
}

describe('a recording file', () => {
  let temp: ReturnType<typeof tempDir>
  afterEach(() => temp.remove())

  it('is made with 16 KiB pages, in WAL mode', () => {
    temp = tempDir()
    const file = join(temp.dir, 'new.sqlite')
    const db = openDatabase(file, { migrationsFolder: sourceMigrationsFolder() })
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal')
    db.$client.close()
    expect(pageSize(file)).toBe(16_384)
  })

  it('made before keeps its pages, and opens as it did', () => {
    temp = tempDir()
    const file = join(temp.dir, 'old.sqlite')
    const old = new Database(file)
    old.pragma('journal_mode = WAL')
    old.exec('CREATE TABLE kept (id INTEGER PRIMARY KEY)')
    old.close()
    expect(pageSize(file)).toBe(4_096)
    openDatabase(file, { migrationsFolder: sourceMigrationsFolder() }).$client.close()
    expect(pageSize(file)).toBe(4_096)
  })
})
