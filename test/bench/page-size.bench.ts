import { statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { tempDir } from '../support/recording'
import { heading, row } from './report'

/**
 * Why a recording's file has 16 KB pages (open-database.ts): the rows a 1,000-node run writes
 * in a flush (twenty event chunks of 26 KB, and every fourth flush a thousand node rows of
 * 3 KB), written 91 times in WAL mode as the recorder writes them, into files of 4, 16 and 64 KB
 * pages, each size twice in turn; then a thousand small commits, as the lab makes stepping
 * clock by clock, whose every page is written whole to the WAL. The CPU is this thread's
 * (SQLite's inserts, its WAL's writes and checkpoints, which are system time).
 */
export function benchPageSize(): void {
  heading("Recorder: a 1,000-node run's rows into files of 4, 16 and 64 KB pages")
  const temp = tempDir()
  try {
    for (let round = 1; round <= 2; round++)
      for (const pageSize of [4_096, 16_384, 65_536]) {
        const file = join(temp.dir, `pages-${pageSize}-${round}.sqlite`)
        const db = new Database(file)
        db.pragma(`page_size = ${pageSize}`)
        db.pragma('journal_mode = WAL')
        db.pragma('synchronous = NORMAL')
        db.exec(`CREATE TABLE nodes (run INTEGER, node TEXT, last_seq INTEGER, data BLOB,
                   PRIMARY KEY (run, node, last_seq));
                 CREATE TABLE chunks (run INTEGER, first_seq INTEGER, data BLOB,
                   PRIMARY KEY (run, first_seq))`)
        const node = db.prepare('INSERT INTO nodes VALUES (1, ?, ?, ?)')
        const chunk = db.prepare('INSERT INTO chunks VALUES (1, ?, ?)')
        const nodeRow = Buffer.alloc(2_900, 7)
        const chunkRow = Buffer.alloc(26_000, 9)
        let seq = 0
        const cpu = process.cpuUsage()
        const started = performance.now()
        for (let flush = 0; flush < 91; flush++)
          db.transaction(() => {
            for (let i = 0; i < 20; i++) chunk.run((seq += 2_000), chunkRow)
            if (flush % 4 === 3)
              for (let n = 0; n < 1_000; n++) node.run(`node${n}`, flush * 1e6 + n, nodeRow)
          })()
        const used = process.cpuUsage(cpu)
        // Then the lab's kind of commit: a clock's few rows, a transaction each.
        const small = process.cpuUsage()
        for (let clock = 0; clock < 1_000; clock++)
          db.transaction(() => {
            chunk.run((seq += 2_000), nodeRow.subarray(0, 300))
            node.run('node0', 1e9 + clock, nodeRow.subarray(0, 200))
          })()
        const smallUsed = process.cpuUsage(small)
        const wal = statSync(`${file}-wal`).size
        db.close()
        row(
          `round ${round}: ${pageSize / 1024} KB pages`,
          (used.user + used.system) / 1e3,
          'ms CPU',
          `${Math.round(performance.now() - started)} ms wall, system ${Math.round(used.system / 1e3)} ms, file ${(statSync(file).size / 1e6).toFixed(1)} MB`,
        )
        row(
          `round ${round}: ${pageSize / 1024} KB pages, 1,000 one-clock commits`,
          (smallUsed.user + smallUsed.system) / 1e3,
          'ms CPU',
          `WAL ${(wal / 1e6).toFixed(1)} MB`,
        )
      }
  } finally {
    temp.remove()
  }
}
