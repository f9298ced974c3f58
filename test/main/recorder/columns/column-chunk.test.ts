import { describe, expect, it } from 'vitest'
import { blockRef, type SequencedEvent } from '../../../../src/core/events'
import { genesis } from '../../../support/factories'
import { EventLog, ROW_OBJECT } from '../../../../src/core/event-log'
import type { MessagePayload } from '../../../../src/core/network/message'
import {
  chunksOf,
  ColumnChunkBuilder,
  newRunTables,
  objectPlaces,
  takeTables,
  type RunTables,
} from '../../../../src/main/recorder/columns/column-chunk'
import {
  EventColumns,
  ROW_ACCEPTED,
  type ColumnBatch,
} from '../../../../src/main/recorder/columns/event-columns'
import type { EventFilter } from '../../../../src/main/recorder/event-codec'
import { NodeChunkGrouper } from '../../../../src/main/recorder/node-chunks/node-chunk-grouper'
import { readStoredChunk } from '../../../../src/main/recorder/read/stored-chunk'
import { ChartChunkPacker, chartChunkOf } from '../../../../src/main/recorder/series/chart-chunk'
import { GOLDEN_CASES } from '../../../support/golden'
import { goldenLogs } from '../../../support/event-logs'
import { expectBoundsOfWhatItHolds } from '../../../support/stored-chunks'

/**
 * A golden case's events as a recording hands them to the writer's thread: each command's log
 * appended to the run's columns, a batch taken every `perBatch` commands (a flush), the run's
 * tables brought up to date with each (as the writer does).
 */
function batchesOf(logs: readonly EventLog[], perBatch: number) {
  const columns = new EventColumns()
  const run: RunTables = newRunTables()
  const batches: ColumnBatch[] = []
  logs.forEach((log, i) => {
    columns.append(log)
    if ((i + 1) % perBatch === 0 || i === logs.length - 1) {
      const batch = columns.take()
      takeTables(run, batch)
      batches.push(batch)
    }
  })
  return { run, batches }
}

const json = (events: readonly SequencedEvent[]) => events.map((e) => JSON.stringify(e))

/** What a reader gets from the chunks: each chunk read alone, with the filter. */
function readAll(chunks: readonly { data: Buffer }[], filter?: EventFilter) {
  return chunks.flatMap((chunk) => readStoredChunk(chunk.data, filter))
}

describe('events recorded as columns read back as the engine made them', () => {
  GOLDEN_CASES.forEach((golden, i) => {
    it(golden.name, () => {
      const logs = goldenLogs(i)
      const made = logs.flatMap((log) => log.toArray())
      expect(made.length).toBeGreaterThan(0)
      // Small chunks and batches too: a chunk's tables and steps start afresh at each.
      for (const [perBatch, perChunk] of [
        [1, 7],
        [3, 2_048],
        [1_000, 2_048],
      ] as const) {
        const { run, batches } = batchesOf(logs, perBatch)
        const chunks = batches.flatMap((batch) => chunksOf(batch, run, perChunk))
        // The same JSON, key order included: what the API answers and verify compares.
        expect(json(readAll(chunks))).toEqual(json(made))
        for (const chunk of chunks) expectBoundsOfWhatItHolds(chunk)
      }
    })
  })

  it('takes the rows each log had when it was appended, once', () => {
    const ack = { type: 'ACK_BLOCK', hash: 'b1' } as MessagePayload
    const log = new EventLog(['a', 'b'], 1, 4)
    log.sent(1, 0, 1, 1, ack, 2)
    const columns = new EventColumns()
    columns.append(log)
    // A row after the append (a drained log never gains one): not this batch's.
    log.sent(1, 1, 0, 1, ack, 2)
    const batch = columns.take()
    expect(batch.length).toBe(1)
    expect([...batch.nodes]).toEqual([0])
    expect(batch.newPairs).toEqual([['ACK_BLOCK', 'b1']])
    expect(columns.take().length).toBe(0)
  })

  it('keeps a block acceptance as a row of its own, its block listed once a chunk', () => {
    const block = blockRef(genesis)
    const log = new EventLog(['node1', 'node2'], 1)
    const accepted = (node: string, from: string | null, onMainChain: boolean) =>
      log.push({ kind: 'block.accepted', clock: 4, node, block, from, onMainChain })
    accepted('node1', null, true)
    accepted('node2', 'node1', false)
    // A name the run's nodes lack (an import's, a hand-made log's): an object, as before.
    accepted('ghost', 'node1', true)
    accepted('node2', 'ghost', true)
    const made = log.toArray()
    const { run, batches } = batchesOf([log], 1)
    const batch = batches[0]!
    expect([...batch.kinds]).toEqual([ROW_ACCEPTED, ROW_ACCEPTED, ROW_OBJECT, ROW_OBJECT])
    expect(batch.objects).toEqual([made[2], made[3]])
    expect(batch.newBlocks).toEqual([block])
    const [chunk] = chunksOf(batch, run, 100)
    expect(json(readStoredChunk(chunk!.data))).toEqual(json(made))
    const tables = JSON.parse(chunk!.data.toString('utf8', 5, 5 + chunk!.data.readUInt32LE(1)))
    expect(tables.blocks).toEqual([block])
    // A chunk with no acceptance lists no blocks: its tables are as they were before.
    const other = new EventLog(['node1', 'node2'], 1)
    other.status(1, 0, 'mining', 'idle')
    const [plain] = chunksOf(batchesOf([other], 1).batches[0]!, newRunTables(), 100)
    expect(plain!.data.toString('utf8')).not.toContain('"blocks"')
  })

  it('keeps as an object any acceptance a row would not give back exactly', () => {
    const block = blockRef(genesis)
    const log = new EventLog(['node1', 'node2'], 1)
    const base = { kind: 'block.accepted', clock: 4, node: 'node1' }
    const odd = [
      { ...base, block, from: null, onMainChain: true, extra: 1 },
      { ...base, from: null, block, onMainChain: true },
      { ...base, block: { height: 1 }, from: null, onMainChain: true },
      { ...base, block: { ...block, height: 99 }, from: null, onMainChain: true },
      { ...base, block: { ...block, extra: 1 }, from: null, onMainChain: true },
      { ...base, block, from: null, onMainChain: 'yes' },
    ]
    log.push({ ...base, block, from: null, onMainChain: true })
    for (const event of odd) log.push(event)
    const made = log.toArray()
    const { run, batches } = batchesOf([log], 1)
    const batch = batches[0]!
    expect(batch.kinds[0]).toBe(ROW_ACCEPTED)
    expect([...batch.kinds.subarray(1)]).toEqual(odd.map(() => ROW_OBJECT))
    const [chunk] = chunksOf(batch, run, 100)
    expect(json(readStoredChunk(chunk!.data))).toEqual(json(made))
  })

  it("read through a filter, answer the filter's events and no other", () => {
    const logs = goldenLogs(3)
    const made = logs.flatMap((log) => log.toArray())
    const { run, batches } = batchesOf(logs, 2)
    const chunks = batches.flatMap((batch) => chunksOf(batch, run, 64))
    const last = made.at(-1)!
    const filters: EventFilter[] = [
      { node: 'node2' },
      { kinds: new Set(['message.delivered', 'block.accepted', 'node.status']) },
      { from: Math.floor(last.clock / 3), to: Math.floor(last.clock / 2) },
      { afterSeq: Math.floor(last.seq / 4), toSeq: Math.floor(last.seq / 2) },
      { node: 'node3', kinds: new Set(['message.sent']), from: 10 },
    ]
    for (const filter of filters) {
      const wanted = made.filter(
        (e) =>
          (filter.node === undefined || (e as { node?: string }).node === filter.node) &&
          (filter.kinds === undefined || filter.kinds.has(e.kind)) &&
          (filter.from === undefined || e.clock >= filter.from) &&
          (filter.to === undefined || e.clock <= filter.to) &&
          (filter.afterSeq === undefined || e.seq > filter.afterSeq) &&
          (filter.toSeq === undefined || e.seq <= filter.toSeq),
      )
      expect(wanted.length).toBeGreaterThan(0)
      expect(json(readAll(chunks, filter))).toEqual(json(wanted))
    }
    // A limit stops a chunk's reading once reached.
    expect(readStoredChunk(chunks[0]!.data, {}, 5)).toHaveLength(5)
  })

  it("grouped by node, each node's rows hold its events in order", () => {
    const logs = goldenLogs(2)
    const made = logs.flatMap((log) => log.toArray())
    const { run, batches } = batchesOf(logs, 2)
    const grouper = new NodeChunkGrouper({
      eventsPerRow: 9,
      eventsANode: 16,
      minWindow: 50,
      maxWindow: 400,
    })
    const rows = batches.flatMap((batch) => grouper.addColumns(batch, run)?.rows ?? [])
    rows.push(...(grouper.finish()?.rows ?? []))
    const nodes = new Set(made.map((e) => (e as { node?: string }).node))
    expect(nodes.size).toBeGreaterThan(2)
    for (const node of nodes) {
      // A node's rows come in the order of its events, each row's events in order.
      const mine = rows.filter((r) => r.node === node).flatMap((r) => readStoredChunk(r.data))
      expect(json(mine)).toEqual(json(made.filter((e) => (e as { node?: string }).node === node)))
    }
    expect(rows.every((r) => r.count <= 9)).toBe(true)
  })

  it("groups an event kept as an object under its node, in order, even one the run's names lack", () => {
    const payload = { type: 'ACK_BLOCK', hash: 'ab' } as unknown as MessagePayload
    const log = new EventLog(['node1', 'node2'], 1)
    log.sent(1, 0, 1, 5, payload, 2)
    log.push({ kind: 'note', clock: 1, node: 'ghost', text: 'first' })
    log.push({ kind: 'note', clock: 1, node: 'node2', text: 'before its delivery' })
    log.delivered(2, 1, 0, 5, payload)
    log.push({ kind: 'note', clock: 2, node: 'ghost', text: 'second' })
    log.status(2, 0, 'mining', 'idle')
    log.push({ kind: 'note', clock: 3, text: 'no node' })
    const made = log.toArray()
    const { run, batches } = batchesOf([log], 1)
    const grouper = new NodeChunkGrouper()
    for (const batch of batches) expect(grouper.addColumns(batch, run)).toBeNull()
    const rows = grouper.finish()?.rows ?? []
    expect(new Set(rows.map((r) => r.node))).toEqual(new Set(['node1', 'node2', 'ghost']))
    for (const node of ['node1', 'node2', 'ghost']) {
      const mine = rows.filter((r) => r.node === node).flatMap((r) => readStoredChunk(r.data))
      expect(json(mine)).toEqual(json(made.filter((e) => (e as { node?: string }).node === node)))
    }
  })

  it('keeps a row whose numbers are not whole as an object, read back the same', () => {
    const run: RunTables = {
      ...newRunTables(),
      names: ['node1', 'node2'],
      pairs: [['NEW_BLOCK', 'ab']],
    }
    const batch: ColumnBatch = {
      length: 2,
      seqs: Float64Array.of(1, 2),
      kinds: Uint8Array.of(1, 2),
      clocks: Float64Array.of(0.5, 2 ** 50),
      nodes: Int32Array.of(0, 1),
      peers: Int32Array.of(1, 0),
      ids: Float64Array.of(3, 3),
      readies: Float64Array.of(1.5, 0),
      codes: new Uint8Array(2),
      priors: new Uint8Array(2),
      pairs: Int32Array.of(0, 0),
      objects: [],
      newPairs: [],
      newBlocks: [],
    }
    const builder = new ColumnChunkBuilder(run)
    expect(builder.addRows(batch, objectPlaces(batch), null, 0, 2)).toBe(2)
    expect(readStoredChunk(builder.finish()!.data)).toEqual([
      {
        kind: 'message.sent',
        clock: 0.5,
        node: 'node1',
        id: 3,
        type: 'NEW_BLOCK',
        to: 'node2',
        subject: 'ab',
        ready: 1.5,
        seq: 1,
      },
      {
        kind: 'message.delivered',
        clock: 2 ** 50,
        node: 'node2',
        id: 3,
        type: 'NEW_BLOCK',
        from: 'node1',
        subject: 'ab',
        seq: 2,
      },
    ])
  })
})

describe('a row kept as an object for its numbers', () => {
  it('is found by its own clock through a filter, not the last whole one', () => {
    const log = new EventLog(['node1', 'node2', 'node3'], 10)
    const payload = { type: 'ACK_BLOCK', hash: 'ab' } as unknown as MessagePayload
    log.sent(1, 0, 1, 5, payload, 3)
    log.delivered(2.5, 1, 0, 5, payload)
    log.status(3, 2, 'mining', 'idle')
    const { run, batches } = batchesOf([log], 1)
    const chunks = batches.flatMap((batch) => chunksOf(batch, run, 2_048))
    const seqs = (filter: EventFilter) => readAll(chunks, filter).map((e) => e.seq)
    expect(seqs({})).toEqual([10, 11, 12])
    expect(seqs({ to: 2 })).toEqual([10])
    expect(seqs({ from: 2, to: 2 })).toEqual([])
    expect(seqs({ from: 2.5, to: 2.5 })).toEqual([11])
  })
})

describe("a batch's chart chunk, packed from its columns, is packed as it was from objects", () => {
  GOLDEN_CASES.forEach((golden, i) => {
    it(golden.name, () => {
      const logs = goldenLogs(i)
      // Batches of a few commands: each is a flush, with a chunk of its own.
      const { run, batches } = batchesOf(logs, 3)
      let command = 0
      for (const batch of batches) {
        const fromObjects = new ChartChunkPacker()
        for (const log of logs.slice(command, (command += 3)))
          for (const event of log.toArray()) fromObjects.add(event)
        expect(chartChunkOf(batch, run)).toEqual(fromObjects.finish())
      }
      expect(command).toBeGreaterThanOrEqual(logs.length)
    })
  })
})
