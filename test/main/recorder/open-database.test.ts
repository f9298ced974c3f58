import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/recorder/open-database'
import { sourceMigrationsFolder } from '../../../src/main/recorder/recorder'
import { pageSizeOf, tempDir } from '../../support/recording'

describe('a recording database opened for writing', () => {
  let temp: ReturnType<typeof tempDir> | null = null
  afterEach(() => {
    temp?.remove()
    temp = null
  })

  it('is made with 16 KB pages, where a run is written as blobs of a few KB', () => {
    temp = tempDir()
    const file = join(temp.dir, 'new.sqlite')
    openDatabase(file, { migrationsFolder: sourceMigrationsFolder() }).$client.close()
    expect(pageSizeOf(file)).toBe(16_384)
  })

  it('keeps the pages of a file made before, and migrates and writes it as ever', () => {
    temp = tempDir()
    const file = join(temp.dir, 'old.sqlite')
    const old = new Database(file)
    old.pragma('journal_mode = WAL')
    old.exec('CREATE TABLE kept (value TEXT)')
    old.close()
    expect(pageSizeOf(file)).toBe(4_096)
    const db = openDatabase(file, { migrationsFolder: sourceMigrationsFolder() })
    db.$client.prepare("INSERT INTO kept VALUES ('still here')").run()
    expect(db.$client.prepare('SELECT value FROM kept').pluck().get()).toBe('still here')
    db.$client.close()
    expect(pageSizeOf(file)).toBe(4_096)
  })
})
