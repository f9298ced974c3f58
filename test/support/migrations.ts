import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sourceMigrationsFolder } from '../../src/main/recorder/recorder'

interface Journal {
  entries: { idx: number; tag: string }[]
}

/** A migrations folder holding only the first `count` migrations: an older app's schema. */
export function migrationsUpTo(dir: string, count: number): string {
  const source = sourceMigrationsFolder()
  const folder = join(dir, `migrations-${count}`)
  mkdirSync(join(folder, 'meta'), { recursive: true })
  const journal = JSON.parse(readFileSync(join(source, 'meta/_journal.json'), 'utf8')) as Journal
  const kept = journal.entries.slice(0, count)
  for (const entry of kept)
    cpSync(join(source, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`))
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: kept }))
  return folder
}
