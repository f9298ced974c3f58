import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { ENGINE_EVENT_KINDS, type SequencedEvent } from '../../../src/core/events'
import { createRandom } from '../../../src/core/random'
import { readStoredChunk } from '../../../src/main/recorder/read/stored-chunk'
import type { RunState } from '../../../src/shared/run-types'
import { createRecordedLab, liveState, playMixedRun } from '../../support/recording'

type Lab = Awaited<ReturnType<typeof createRecordedLab>>

describe('recording a run', () => {
  let lab: Lab
  afterEach(() => lab.close())

  it('persists every event and reads it back in order', async () => {
    lab = await createRecordedLab({ nodes: 3, topology: { kind: 'line' } })
    const { service } = lab
    await service.execute({ type: 'start' }, 'lab-api')
    await service.execute(
      { type: 'submit-tx', node: 'node1', tx: { sender: 'so', recipient: 'aki', value: 1 } },
      'node-api',
    )
    await service.execute(
      { type: 'submit-tx', node: 'node1', tx: { sender: 'aki', recipient: 'so', value: 99 } },
      'node-api',
    )
    await service.execute({ type: 'cut-link', a: 'node2', b: 'node3' }, 'desktop')
    // Two blocks behind the cut: node2's announcement on the heal is a tip whose parent node3
    // lacks (an orphan, and a fetch).
    await service.execute({ type: 'mine', node: 'node1' }, 'scenario')
    await service.execute({ type: 'mine', node: 'node1' }, 'scenario')
    await service.execute({ type: 'step', clocks: 12 }, 'lab-api')
    await service.execute({ type: 'heal-link', a: 'node2', b: 'node3' }, 'lab-api')
    await service.execute({ type: 'mine', node: 'node3' }, 'lab-api')
    await service.execute({ type: 'mine', node: 'node1' }, 'lab-api')
    await service.execute({ type: 'step', clocks: 12 }, 'lab-api')
    await service.execute({ type: 'add-link', a: 'node1', b: 'node3' }, 'node-api')
    await service.execute({ type: 'clear-peers', node: 'node3' }, 'node-api')
    await service.execute({ type: 'reset', node: 'node2' }, 'node-api')
    await lab.recorder.sync()
    const { events } = lab.recorder.reader.events(lab.runId, { limit: 100_000 })
    const kinds = new Set(events.map((e) => e.kind))
    const missing = ENGINE_EVENT_KINDS.filter((k) => !kinds.has(k))
    // Refused blocks and evictions need adversarial input: adversarial-events.test.ts has them;
    // attack events need an attacker: attack-recording.test.ts records them.
    expect(missing.sort()).toEqual([
      'attack.abandoned',
      'attack.published',
      'attack.withheld',
      'block.refused',
      'tx.evicted',
    ])
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1))
    const run = lab.recorder.reader.getRun(lab.runId)
    expect(run).toMatchObject({ status: 'live', nodes: 3, events: events.length, commands: 14 })
    expect(run!.blocks).toBeGreaterThanOrEqual(4)
  })

  it('filters and pages events by clock, node and kind', async () => {
    lab = await createRecordedLab()
    await lab.service.execute({ type: 'start' }, 'lab-api')
    await lab.service.execute({ type: 'mine', node: 'node2' }, 'lab-api')
    await lab.service.execute({ type: 'step', clocks: 10 }, 'lab-api')
    await lab.recorder.sync()
    const reader = lab.recorder.reader
    const statuses = reader.events(lab.runId, { kind: 'node.status', node: 'node2', limit: 100 })
    expect(statuses.events.map((e) => e.clock)).toEqual([1, 4, 5])
    const window = reader.events(lab.runId, { from: 4, to: 5, limit: 100 }).events
    const several = reader.events(lab.runId, { kind: 'block.mined,node.started', limit: 100 })
    expect(several.events.map((e) => e.kind)).toEqual([
      ...['node.started', 'node.started', 'node.started'],
      'block.mined',
    ])
    expect(window.every((e) => e.clock >= 4 && e.clock <= 5)).toBe(true)
    const all = reader.events(lab.runId, { limit: 1_000 }).events
    const pages: number[] = []
    let cursor: number | undefined
    do {
      const page = reader.events(lab.runId, { limit: 7, cursor })
      pages.push(...page.events.map((e) => e.seq))
      cursor = page.next ?? undefined
    } while (cursor !== undefined)
    expect(pages).toEqual(all.map((e) => e.seq))
  })

  it('leaves out the drops of the reasons not asked for, and pages what is left', async () => {
    lab = await createRecordedLab({ nodes: 5, topology: { kind: 'ring' } })
    await playMixedRun(lab.service)
    await lab.recorder.sync()
    const reader = lab.recorder.reader
    const kind = 'message.dropped,block.accepted'
    const every = reader.events(lab.runId, { kind, limit: 100_000 }).events
    const reasonOf = (e: SequencedEvent) => (e.kind === 'message.dropped' ? e.reason : null)
    // The run has drops of both kinds: gossip's ends (known) and the cut link's.
    expect(new Set(every.map(reasonOf))).toEqual(new Set([null, 'known', 'link-cut']))
    for (const dropped of ['link-cut', 'known', 'link-cut,no-link,reset,not-started']) {
      const kept = new Set(dropped.split(','))
      const expected = every.filter((e) => e.kind !== 'message.dropped' || kept.has(e.reason))
      const page = reader.events(lab.runId, { kind, dropped, limit: 100_000 }).events
      expect(page, dropped).toEqual(expected)
      const seqs: number[] = []
      let cursor: number | undefined
      do {
        const next = reader.events(lab.runId, { kind, dropped, limit: 25, cursor })
        seqs.push(...next.events.map((e) => e.seq))
        cursor = next.next ?? undefined
      } while (cursor !== undefined)
      expect(seqs, dropped).toEqual(expected.map((e) => e.seq))
    }
    // One node's: the same, from its own events.
    const node2 = reader.events(lab.runId, { node: 'node2', dropped: 'link-cut', limit: 100_000 })
    const all2 = reader.events(lab.runId, { node: 'node2', limit: 100_000 }).events
    expect(node2.events).toEqual(all2.filter((e) => reasonOf(e) !== 'known'))
  })
})

describe('a saved run at any clock', () => {
  let lab: Lab
  afterEach(() => lab.close())

  it('answers what the live API answered at every clock of the spec timeline', async () => {
    lab = await createRecordedLab({}, { checkpointEvery: 3 })
    const { service, runId } = lab
    const live: RunState[] = []
    await service.execute({ type: 'start' }, 'lab-api')
    await service.execute(
      { type: 'submit-tx', node: 'node1', tx: { sender: 'aki', recipient: 'so', value: 1 } },
      'node-api',
    )
    live.push(await liveState(service, runId))
    for (let clock = 1; clock <= 10; clock++) {
      await service.execute({ type: 'step', clocks: 1 }, 'lab-api')
      if (clock === 4) await service.execute({ type: 'mine', node: 'node1' }, 'node-api')
      live.push(await liveState(service, runId))
    }
    await lab.recorder.sync()
    for (let clock = 0; clock <= 10; clock++)
      expect(lab.recorder.replayer.stateAt(runId, clock), `clock ${clock}`).toEqual(live[clock])
  })

  it('answers what the live API answered at every clock of a 500-clock random workload with forks', async () => {
    lab = await createRecordedLab(
      { nodes: 5, topology: { kind: 'ring' }, latency: 1 },
      { checkpointEvery: 25 },
    )
    const { service, runId } = lab
    const random = createRandom(77)
    const accounts = ['aki', 'so', 'satoshi']
    const live: RunState[] = []
    await service.execute({ type: 'start' }, 'lab-api')
    // The state at a clock is the state after every command given at that clock.
    for (let clock = 0; clock < 500; clock++) {
      // Several miners at once make forks; transfers make pools and reorganisations matter.
      if (random.next() < 0.12)
        await service.execute({ type: 'mine', node: `node${1 + random.int(5)}` }, 'lab-api')
      if (random.next() < 0.12)
        await service.execute({ type: 'mine', node: `node${1 + random.int(5)}` }, 'lab-api')
      if (random.next() < 0.3)
        await service.execute(
          {
            type: 'submit-tx',
            node: `node${1 + random.int(5)}`,
            tx: { sender: accounts[random.int(3)]!, recipient: accounts[random.int(3)]!, value: 1 },
          },
          'lab-api',
        )
      if (clock === 200)
        await service.execute({ type: 'cut-link', a: 'node1', b: 'node2' }, 'lab-api')
      if (clock === 260)
        await service.execute({ type: 'heal-link', a: 'node1', b: 'node2' }, 'lab-api')
      live.push(await liveState(service, runId))
      await service.execute({ type: 'step', clocks: 1 }, 'lab-api')
    }
    live.push(await liveState(service, runId))
    await lab.recorder.sync()
    const { events } = lab.recorder.reader.events(runId, { kind: 'chain.reorg', limit: 1_000 })
    expect(events.length).toBeGreaterThan(3)
    for (let clock = 0; clock <= 500; clock++)
      expect(lab.recorder.replayer.stateAt(runId, clock), `clock ${clock}`).toEqual(live[clock])
  })
})

describe('checkpoints', () => {
  let lab: Lab
  afterEach(() => lab.close())

  // A checkpoint lists each node's blocks only from where the last one left them; a reset
  // node starts its list over.
  it('rebuild every clock of a run with mining, forks and a node reset', async () => {
    lab = await createRecordedLab({ latency: 1 }, { checkpointEvery: 4 })
    const { service, runId } = lab
    const live: RunState[] = []
    await service.execute({ type: 'start' }, 'lab-api')
    for (let clock = 0; clock < 80; clock++) {
      if (clock % 7 === 0) await service.execute({ type: 'mine', node: 'node1' }, 'lab-api')
      if (clock % 11 === 0) await service.execute({ type: 'mine', node: 'node3' }, 'lab-api')
      if (clock === 40) await service.execute({ type: 'reset', node: 'node2' }, 'lab-api')
      live.push(await liveState(service, runId))
      await service.execute({ type: 'step', clocks: 1 }, 'lab-api')
    }
    await lab.recorder.sync()
    expect(live[79]!.nodes.find((n) => n.id === 'node2')!.height).toBeGreaterThan(2)
    for (let clock = 0; clock < 80; clock++)
      expect(lab.recorder.replayer.stateAt(runId, clock), `clock ${clock}`).toEqual(live[clock])
    // Stored compressed (format 2): blobs, not JSON text.
    const raw = new Database(lab.file, { readonly: true })
    const stored = raw
      .prepare('SELECT typeof(state) AS type, count(*) AS n FROM checkpoints GROUP BY 1')
      .all()
    raw.close()
    expect(stored).toEqual([{ type: 'blob', n: expect.any(Number) as number }])
  })
  // Idle clocks change nothing a checkpoint holds but the clock, and a replay steps them at no
  // cost: a state only idle clocks after the last checkpoint is not stored again.
  it('takes no checkpoint after nothing but idle clocks, and rebuilds those clocks from the one before', async () => {
    lab = await createRecordedLab({ latency: 1 }, { checkpointEvery: 4 })
    const { service, runId } = lab
    const live: RunState[] = []
    await service.execute({ type: 'start' }, 'lab-api')
    for (let clock = 0; clock < 60; clock++) {
      // Two blocks, each relayed within a few clocks, and idle clocks around them.
      if (clock === 0 || clock === 40)
        await service.execute({ type: 'mine', node: 'node1' }, 'lab-api')
      live.push(await liveState(service, runId))
      await service.execute({ type: 'step', clocks: 1 }, 'lab-api')
    }
    await lab.recorder.sync()
    const raw = new Database(lab.file, { readonly: true })
    const clocks = raw.prepare('SELECT clock FROM checkpoints ORDER BY clock').pluck().all()
    raw.close()
    // Due every 4 clocks: at 4 and 8 while each block is relayed (its last copies arrive after
    // clock 4), then none until something happens again.
    expect(clocks).toEqual([4, 8, 44, 48])
    for (let clock = 0; clock < 60; clock++)
      expect(lab.recorder.replayer.stateAt(runId, clock), `clock ${clock}`).toEqual(live[clock])
  })
})

describe('verifying a run', () => {
  let lab: Lab
  afterEach(() => lab.close())

  async function record(): Promise<void> {
    const { service } = lab
    await service.execute({ type: 'start' }, 'lab-api')
    await service.execute(
      { type: 'submit-tx', node: 'node2', tx: { sender: 'so', recipient: 'aki', value: 3 } },
      'lab-api',
    )
    await service.execute({ type: 'mine', node: 'node1' }, 'lab-api')
    await service.execute({ type: 'mine', node: 'node3' }, 'lab-api')
    await service.execute({ type: 'step', clocks: 30 }, 'lab-api')
    await lab.recorder.sync()
  }

  it('re-executes the recorded commands and finds every event identical', async () => {
    lab = await createRecordedLab()
    await record()
    const result = await lab.recorder.replayer.verify(lab.runId)
    expect(result).toMatchObject({ identical: true, commands: 5 })
    expect(result.events).toBe(lab.recorder.reader.getRun(lab.runId)!.events)
  })

  it('finds the first divergence in a tampered run', async () => {
    lab = await createRecordedLab()
    await record()
    const raw = new Database(lab.file)
    // The first block.mined event's block, with another miner, in the chunk that holds it: its
    // JSON is in the chunk's tables (those of its objects, format 3), which lead the stored bytes.
    const chunks = raw
      .prepare('SELECT first_seq AS firstSeq, data FROM event_chunks WHERE run_id = ?')
      .all(lab.runId) as { firstSeq: number; data: Buffer }[]
    const tampered = chunks.flatMap((chunk) => {
      const mined = readStoredChunk(chunk.data).find((e) => e.kind === 'block.mined')
      if (!mined || mined.kind !== 'block.mined') return []
      const length = chunk.data.readUInt32LE(1)
      const tables = JSON.parse(chunk.data.toString('utf8', 5, 5 + length)) as {
        objects: { strings: string[] }
      }
      tables.objects.strings = tables.objects.strings.map((text) =>
        text === JSON.stringify(mined.block)
          ? text.replace('"miner":"node1"', '"miner":"node9"')
          : text,
      )
      const text = Buffer.from(JSON.stringify(tables))
      const head = Buffer.alloc(5)
      head[0] = chunk.data[0] as number
      head.writeUInt32LE(text.length, 1)
      const data = Buffer.concat([head, text, chunk.data.subarray(5 + length)])
      return [{ ...chunk, seq: mined.seq, data }]
    })[0]!
    expect(readStoredChunk(tampered.data).find((e) => e.seq === tampered.seq)).toMatchObject({
      block: { miner: 'node9' },
    })
    raw
      .prepare('UPDATE event_chunks SET data = ? WHERE run_id = ? AND first_seq = ?')
      .run(tampered.data, lab.runId, tampered.firstSeq)
    raw.close()
    const result = await lab.recorder.replayer.verify(lab.runId)
    expect(result).toMatchObject({ identical: false, divergence: { seq: tampered.seq } })
  })
})

describe('exporting the live run', () => {
  let lab: Lab
  afterEach(() => lab.close())

  // An export takes many pages while the recording goes on: every page must come from the moment
  // it began, or the file would hold rows its header does not count.
  it('writes the run as it was when the export began, however long the export takes', async () => {
    lab = await createRecordedLab({}, { checkpointEvery: 20 })
    const { service, recorder, runId } = lab
    await service.execute({ type: 'start' }, 'lab-api')
    await service.execute({ type: 'set-workload', rate: 0.5 }, 'lab-api')
    await service.execute({ type: 'step', clocks: 300 }, 'lab-api')
    await recorder.sync()
    const chunks = recorder.exportLines(runId, 'run')
    const first = chunks.next()
    await service.execute({ type: 'step', clocks: 300 }, 'lab-api')
    await recorder.sync()
    const text = [first.value as string, ...chunks].join('')
    const lines = text.trimEnd().split('\n')
    const header = JSON.parse(lines[0]!) as { run: { events: number; clocks: number } }
    const events = lines.filter((line) => line.startsWith('{"t":"events"')).length
    expect(header.run.clocks).toBe(300)
    expect(events).toBe(header.run.events)
  })
})
