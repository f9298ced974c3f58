import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { createGenesisBlock } from '../../../src/core/chain/genesis'
import { DEFAULT_GENESIS } from '../../../src/core/config'
import { DEFAULT_EPOCH } from '../../../src/core/sim-time'
import { openDatabase } from '../../../src/main/recorder/open-database'
import { sourceMigrationsFolder } from '../../../src/main/recorder/recorder'
import { migrationsUpTo } from '../../support/migrations'
import { tempDir } from '../../support/recording'

const indexes = (file: string) => {
  const db = new Database(file)
  const names = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]
  ).map((r) => r.name)
  db.close()
  return names
}

describe('migrations', () => {
  let temp: ReturnType<typeof tempDir>
  afterEach(() => temp.remove())

  it('build every table and index in an empty file', () => {
    temp = tempDir()
    const file = join(temp.dir, 'new.sqlite')
    openDatabase(file, { migrationsFolder: sourceMigrationsFolder() }).$client.close()
    const db = new Database(file)
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((r) => r.name)
    expect(tables).toEqual(
      expect.arrayContaining([
        'runs',
        'commands',
        'events',
        'blocks',
        'transactions',
        'checkpoints',
      ]),
    )
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
    expect(indexes(file)).toEqual(expect.arrayContaining(['events_by_clock', 'events_by_node']))
  })

  it('0001 adds the per-node event index to a file of the previous schema, keeping its rows', () => {
    temp = tempDir()
    const file = join(temp.dir, 'old.sqlite')
    const old = openDatabase(file, { migrationsFolder: migrationsUpTo(temp.dir, 1) })
    old.$client
      .prepare(
        `INSERT INTO runs (name, created_at, status, config, dialect, app_version) VALUES ('old run', '2026-11-01T00:00:00Z', 'finished', '{"nodes":["node1"]}', 'readme', '0.0.1')`,
      )
      .run()
    old.$client
      .prepare(
        `INSERT INTO events (run_id, seq, clock, node, kind, data) VALUES (1, 1, 0, 'node1', 'node.started', '{}')`,
      )
      .run()
    old.$client.close()
    expect(indexes(file)).not.toContain('events_by_node')

    const migrated = openDatabase(file, { migrationsFolder: sourceMigrationsFolder() })
    expect(migrated.$client.prepare('SELECT name FROM runs').get()).toEqual({ name: 'old run' })
    expect(migrated.$client.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 })
    const plan = migrated.$client
      .prepare(
        "EXPLAIN QUERY PLAN SELECT seq FROM events WHERE run_id = 1 AND node = 'node1' ORDER BY seq",
      )
      .all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toContain('events_by_node')
    migrated.$client.close()
  })
})

describe('0003: chart chunks', () => {
  it('are added to a file of the previous schema, whose runs then chart from their events', async () => {
    const { Recorder } = await import('../../../src/main/recorder/recorder')
    const temp = tempDir()
    try {
      const file = join(temp.dir, 'old.sqlite')
      const old = openDatabase(file, { migrationsFolder: migrationsUpTo(temp.dir, 3) })
      old.$client
        .prepare(
          `INSERT INTO runs (name, created_at, status, config, dialect, app_version, clocks, events) VALUES ('old run', '2026-11-01T00:00:00Z', 'finished', '{"nodes":["node1","node2"]}', 'readme', '0.0.1', 4, 3)`,
        )
        .run()
      const genesis = createGenesisBlock(DEFAULT_GENESIS, DEFAULT_EPOCH)
      old.$client
        .prepare(
          'INSERT INTO blocks (run_id, ordinal, hash, height, parent, clock, data) VALUES (1, 0, ?, 0, ?, 0, ?)',
        )
        .run(genesis.hash, genesis.previous_block_hash, JSON.stringify(genesis))
      const event = old.$client.prepare(
        'INSERT INTO events (run_id, seq, clock, node, kind, data) VALUES (1, ?, ?, ?, ?, ?)',
      )
      event.run(1, 1, 'node1', 'node.status', '{"status":"mining"}')
      event.run(2, 2, 'node1', 'message.sent', '{"type":"NEW_BLOCK"}')
      event.run(
        3,
        3,
        'node2',
        'block.accepted',
        '{"block":{"hash":"h1","height":1,"transactions":0},"onMainChain":true}',
      )
      old.$client.close()
      const tables = () => {
        const db = new Database(file)
        const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()
        db.close()
        return names
      }
      expect(tables()).not.toContainEqual({ name: 'chart_chunks' })

      const recorder = Recorder.open(file, { appVersion: 'test' })
      expect(tables()).toContainEqual({ name: 'chart_chunks' })
      const run = recorder.reader.getRun(1)
      if (!run) throw new Error('the old run is gone')
      const series = await recorder.series.series(run, { buckets: 5 })
      expect(series.buckets.map((b) => [b.heights['node2'], b.busy['node1'], b.messages])).toEqual([
        [0, 0, {}],
        [0, 1, {}],
        [0, 1, { NEW_BLOCK: 1 }],
        [1, 1, {}],
        [1, 1, {}],
      ])
      expect(series.accounts).toEqual(['aki', 'so', 'satoshi'])
      expect(series.buckets[0]?.balances).toEqual({ aki: 10, so: 7, satoshi: 5 })
      await recorder.close()
    } finally {
      temp.remove()
    }
  })
})

describe('0002: the process that owns a live run', () => {
  it('leaves the live runs of living processes alone and marks the others interrupted', async () => {
    const { Recorder } = await import('../../../src/main/recorder/recorder')
    const temp = tempDir()
    try {
      const file = join(temp.dir, 'shared.sqlite')
      const first = Recorder.open(file, { appVersion: 'test' })
      first.writer.startRun({
        config: (await import('../../../src/core/config')).createConfig(),
        dialect: 'readme',
      })
      await first.sync()
      // A second lab opening the same file while the first records: the run is not its to mark.
      const second = Recorder.open(file, { appVersion: 'test' })
      expect(second.interrupted).toBe(0)
      expect(second.reader.getRun(1)?.status).toBe('live')
      // A run whose process is gone (here: a pid nobody has) is marked.
      expect(second.writer.markInterrupted(() => false)).toBe(1)
      await second.close()
      await first.close()
    } finally {
      temp.remove()
    }
  })
})

describe("0004: the owner's lock", () => {
  it('is added to a file of the previous schema, whose live runs are then judged by their pid', async () => {
    const { Recorder } = await import('../../../src/main/recorder/recorder')
    const temp = tempDir()
    try {
      const file = join(temp.dir, 'old.sqlite')
      openDatabase(file, { migrationsFolder: migrationsUpTo(temp.dir, 4) }).$client.close()
      const old = new Database(file)
      const insert = old.prepare(
        `INSERT INTO runs (name, created_at, status, config, dialect, app_version, owner_pid)
         VALUES (?, '2026-01-01', 'live', '{}', 'readme', 'old', ?)`,
      )
      insert.run('alive', process.pid)
      insert.run('dead', 999_999_999)
      old.close()
      const recorder = Recorder.open(file, { appVersion: 'test' })
      try {
        expect(recorder.interrupted).toBe(1)
        const raw = new Database(file, { readonly: true })
        expect(raw.prepare('SELECT name, status, owner_lock FROM runs ORDER BY id').all()).toEqual([
          { name: 'alive', status: 'live', owner_lock: null },
          { name: 'dead', status: 'interrupted', owner_lock: null },
        ])
        raw.close()
      } finally {
        await recorder.close()
      }
    } finally {
      temp.remove()
    }
  })
})
