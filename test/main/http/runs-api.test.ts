import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { NetworkInfo } from '../../../src/shared/api-types'
import type { BucketedSeries, EventPage, RunState, RunSummary } from '../../../src/shared/run-types'
import type { Scenario } from '../../../src/shared/scenario'
import { startTestLab, type TestLab } from '../../support/lab'
import { tempDir } from '../../support/recording'

/** The spec timeline, driven over the lab API. */
async function playTimeline(lab: TestLab): Promise<void> {
  await lab.lab('/api/network/start', { method: 'POST' })
  await lab.node('node1', 'tx/add', { body: { sender: 'aki', recipient: 'so', value: 1 } })
  await lab.lab('/api/network/step', { body: { clocks: 4 } })
  await lab.node('node1', 'mine')
  await lab.lab('/api/network/step', { body: { clocks: 6 } })
}

describe('the runs API', () => {
  let temp: ReturnType<typeof tempDir>
  let lab: TestLab
  beforeEach(async () => {
    temp = tempDir()
    lab = await startTestLab({}, { db: join(temp.dir, 'runs.sqlite') })
  })
  afterEach(async () => {
    await lab.close()
    temp.remove()
  })

  it('lists the live run with its counters', async () => {
    await playTimeline(lab)
    const runs = (await lab.lab('/api/runs')).body as RunSummary[]
    expect(runs).toHaveLength(1)
    expect(runs[0]).toMatchObject({ id: 1, status: 'live', clocks: 10, nodes: 3, blocks: 2 })
    expect(runs[0]!.events).toBeGreaterThan(20)
  })

  it('begins a new run at a reset of the whole network, started and partitioned as before', async () => {
    await playTimeline(lab)
    await lab.lab('/api/network/links/cut', { body: { a: 'node1', b: 'node2' } })
    const info = (await lab.lab('/api/network/reset', { method: 'POST' })).body as NetworkInfo
    expect(info).toMatchObject({ clock: 0, started: true })
    expect(info.nodes.map((n) => n.height)).toEqual([0, 0, 0])
    expect(info.links.filter((l) => !l.up)).toMatchObject([{ a: 'node1', b: 'node2' }])
    // The node API answers on its ports as before, for the new network.
    expect((await lab.node('node1', 'status')).body).toEqual({ clock: 0, status: 'idle' })
    const runs = (await lab.lab('/api/runs')).body as RunSummary[]
    expect(runs.map((r) => [r.id, r.status])).toEqual([
      [2, 'live'],
      [1, 'finished'],
    ])
    // Which run records, asked alone (the banner's question): the new one.
    expect((await lab.lab('/api/recording')).body).toMatchObject({ state: 'recording', runId: 2 })
    // The old run keeps its history; the new one starts from genesis.
    expect(((await lab.lab('/api/runs/1/state?clock=10')).body as RunState).nodes[0]!.height).toBe(
      1,
    )
    await lab.lab('/api/network/step', { body: { clocks: 10 } })
    const later = (await lab.lab('/api/runs/2/state?clock=10')).body as RunState
    expect(later.nodes.map((n) => [n.height, n.started])).toEqual([
      [0, true],
      [0, true],
      [0, true],
    ])
    expect(later.nodes[0]!.peers.find((p) => p.id === 'node2')?.up).toBe(false)
    expect(
      ((await lab.lab('/api/runs/2/verify', { method: 'POST' })).body as { identical: boolean })
        .identical,
    ).toBe(true)
  })

  it('renames a run, notes it, and refuses to delete it while it records', async () => {
    const patched = await lab.lab('/api/runs/1', {
      method: 'PATCH',
      body: { name: 'timeline', notes: 'first try' },
    })
    expect(patched.body).toMatchObject({ name: 'timeline', notes: 'first try' })
    expect((await lab.lab('/api/runs/1', { method: 'DELETE' })).status).toBe(409)
    await lab.lab('/api/network', { body: { nodes: 2 } })
    expect(((await lab.lab('/api/runs/1')).body as RunSummary).status).toBe('finished')
    expect((await lab.lab('/api/runs/1', { method: 'DELETE' })).body).toEqual({ deleted: 1 })
    expect((await lab.lab('/api/runs/1')).status).toBe(404)
    expect(((await lab.lab('/api/runs')).body as RunSummary[]).map((r) => r.id)).toEqual([2])
  })

  it('pages events in order with filters', async () => {
    await playTimeline(lab)
    const first = (await lab.lab('/api/runs/1/events?limit=5')).body as EventPage
    expect(first.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5])
    const second = (await lab.lab(`/api/runs/1/events?limit=5&cursor=${first.next}`))
      .body as EventPage
    expect(second.events[0]!.seq).toBe(6)
    const mined = (await lab.lab('/api/runs/1/events?kind=block.mined')).body as EventPage
    expect(mined.events).toMatchObject([{ kind: 'block.mined', node: 'node1', clock: 7 }])
    const node2 = (await lab.lab('/api/runs/1/events?node=node2&from=8&to=8&kind=node.status'))
      .body as EventPage
    expect(node2.events).toMatchObject([{ status: 'receiving-block' }])
    expect((await lab.lab('/api/runs/1/events?limit=0')).status).toBe(400)
    expect((await lab.lab('/api/runs/1/events?kind=DROP%20TABLE')).status).toBe(400)
    // Drop reasons: only the engine's, one or several, nothing else around them.
    for (const dropped of ['lost', 'link-cut,', 'known;x', 'xknown', 'known,link-cutx', ''])
      expect((await lab.lab(`/api/runs/1/events?dropped=${dropped}`)).status, dropped).toBe(400)
    for (const dropped of ['known', 'link-cut,no-link,reset,not-started'])
      expect((await lab.lab(`/api/runs/1/events?dropped=${dropped}`)).status, dropped).toBe(200)
    const both = (await lab.lab('/api/runs/1/events?node=node1&kind=block.mined,mine.requested'))
      .body as EventPage
    expect(both.events.map((e) => e.kind)).toEqual(['mine.requested', 'block.mined'])
    expect((await lab.lab('/api/runs/1/events?kind=block.mined,')).status).toBe(400)
  })

  it('answers the state at a clock as the node API answered then', async () => {
    await playTimeline(lab)
    const at2 = (await lab.lab('/api/runs/1/state?clock=2')).body as RunState
    expect(at2.nodes.map((n) => n.status)).toEqual([
      'broadcasting-tx',
      'receiving-tx',
      'receiving-tx',
    ])
    expect(at2.nodes[1]!.pool).toHaveLength(1)
    const at8 = (await lab.lab('/api/runs/1/state?clock=8')).body as RunState
    expect(at8.nodes.map((n) => n.chain.length)).toEqual([2, 2, 2])
    const live = (await lab.node('node2', 'block/all')).body as { blocks: unknown[] }
    expect(at8.nodes[1]!.chain).toEqual(live.blocks)
    expect((await lab.lab('/api/runs/9/state?clock=1')).status).toBe(404)
    expect((await lab.lab('/api/runs/1/state?clock=-1')).status).toBe(400)
  })

  it('answers a lighter state with only the chain and tree of the node asked for', async () => {
    await playTimeline(lab)
    const whole = (await lab.lab('/api/runs/1/state?clock=8')).body as RunState
    const light = (await lab.lab('/api/runs/1/state?clock=8&chainsOf=node2')).body as RunState
    expect(light).toEqual({
      ...whole,
      nodes: whole.nodes.map((n) => (n.id === 'node2' ? n : { ...n, chain: [], tree: [] })),
    })
    expect(light.nodes[1]!.chain).toHaveLength(2)
    expect((await lab.lab('/api/runs/1/state?clock=8&chainsOf=no%20such')).status).toBe(400)
    // A scrub's name changes nothing in the answer; only a well-formed name is taken.
    expect((await lab.lab('/api/runs/1/state?clock=8&scrub=page-1')).body).toEqual(whole)
    expect((await lab.lab('/api/runs/1/state?clock=8&scrub=a%20b')).status).toBe(400)
  })

  it('answers the nodes without their peers to a caller naming the links it holds, while they are the same', async () => {
    await playTimeline(lab)
    await lab.lab('/api/network/links/cut', { body: { a: 'node1', b: 'node2' } })
    await lab.lab('/api/network/step', { body: { clocks: 2 } })
    const at = async (clock: number, links?: string) =>
      (await lab.lab(`/api/runs/1/state?clock=${clock}${links ? `&links=${links}` : ''}`))
        .body as RunState
    const at7 = await at(7)
    expect(at7.links).toMatch(/^[0-9a-f]{40}$/)
    const lean = await at(8, at7.links)
    expect(lean.samePeers).toBe(true)
    expect(lean.nodes.every((n) => n.peers.length === 0)).toBe(true)
    const at8 = await at(8)
    expect(at8).not.toHaveProperty('samePeers')
    expect(lean).toEqual({
      ...at8,
      samePeers: true,
      nodes: at8.nodes.map((n) => ({ ...n, peers: [] })),
    })
    // The link cut at clock 10: the state after it has other links, and comes whole.
    const at12 = await at(12, at7.links)
    expect(at12.links).not.toBe(at7.links)
    expect(at12).not.toHaveProperty('samePeers')
    expect(at12.nodes[0]!.peers).toContainEqual(expect.objectContaining({ id: 'node2', up: false }))
    expect((await lab.lab('/api/runs/1/state?clock=8&links=nothex')).status).toBe(400)
  })

  it('answers a run in buckets of clocks, and refuses a bad bucket count', async () => {
    await playTimeline(lab)
    const series = (await lab.lab('/api/runs/1/series?buckets=5')).body as BucketedSeries
    expect(series).toMatchObject({ runId: 1, from: 0, to: 10, width: 3, balancesOf: 'node1' })
    // Buckets 0–2, 3–5, 6–8 and 9–10: node3 takes node1's block at clock 8.
    expect(series.buckets.map((b) => [b.clock, b.heights['node3']])).toEqual([
      [0, 0],
      [3, 0],
      [6, 1],
      [9, 1],
    ])
    const zoomed = (await lab.lab('/api/runs/1/series?from=6&to=8&buckets=3&node=node2'))
      .body as BucketedSeries
    expect(zoomed.buckets.map((b) => b.messages)).toEqual([{}, {}, { NEW_BLOCK: 2 }])
    expect((await lab.lab('/api/runs/1/series?buckets=0')).status).toBe(400)
    expect((await lab.lab('/api/runs/9/series')).status).toBe(404)
  })

  it('verifies a recorded run as identical', async () => {
    await playTimeline(lab)
    const verdict = await lab.lab('/api/runs/1/verify', { method: 'POST' })
    expect(verdict.body).toMatchObject({ identical: true, commands: 5 })
  })

  it('branches a new live run from any clock of a saved run', async () => {
    await playTimeline(lab)
    const branched = (await lab.lab('/api/runs/1/branch', { body: { clock: 5 } }))
      .body as NetworkInfo
    expect(branched.clock).toBe(5)
    expect(branched.nodes.map((n) => n.status)).toEqual(['mining', 'idle', 'idle'])
    // The what-if: node2 mines too, so this time there is a fork.
    await lab.node('node2', 'mine')
    await lab.lab('/api/network/step', { body: { clocks: 10 } })
    const runs = (await lab.lab('/api/runs')).body as RunSummary[]
    expect(runs[0]).toMatchObject({ id: 2, status: 'live', parentRunId: 1, branchClock: 5 })
    const forks = (await lab.lab('/api/runs/2/events?kind=block.mined')).body as EventPage
    expect(forks.events.map((e) => e.node)).toEqual(['node1', 'node2'])
    expect((await lab.lab('/api/runs/2/verify', { method: 'POST' })).body).toMatchObject({
      identical: true,
    })
    expect(((await lab.lab('/api/runs/2/state?clock=5')).body as RunState).nodes[0]!.status).toBe(
      'mining',
    )
  })

  it('writes a run back out as a scenario that replays to the same events', async () => {
    await playTimeline(lab)
    const scenario = (await lab.lab('/api/runs/1/scenario')).body as Scenario
    expect(scenario.commands).toEqual([
      { at: 0, command: { type: 'start' } },
      {
        at: 0,
        command: {
          type: 'submit-tx',
          node: 'node1',
          tx: { sender: 'aki', recipient: 'so', value: 1 },
        },
      },
      { at: 4, command: { type: 'mine', node: 'node1' } },
    ])
    expect(scenario.until).toBe(10)
  })

  it('exports events as JSON lines and CSV', async () => {
    await playTimeline(lab)
    const jsonl = await lab.lab('/api/runs/1/export?format=jsonl')
    expect(jsonl.headers.get('content-type')).toBe('application/x-ndjson')
    const lines = jsonl.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number })
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1))
    const csv = await lab.lab('/api/runs/1/export?format=csv')
    const rows = csv.text.trim().split('\n')
    expect(rows[0]).toBe('seq,clock,node,kind,peer,type,subject,status,reason,data')
    expect(rows).toHaveLength(lines.length + 1)
    // The lines to expect come first, for a client's progress.
    expect(jsonl.headers.get('x-line-count')).toBe(String(lines.length))
    expect(csv.headers.get('x-line-count')).toBe(String(rows.length))
    const file = await lab.lab('/api/runs/1/export?format=run')
    expect(file.headers.get('x-line-count')).toBe(String(file.text.trim().split('\n').length))
    expect((await lab.lab('/api/runs/1/export?format=xml')).status).toBe(400)
  })

  it('exports a self-contained run file that imports as an identical run, and refuses a damaged one', async () => {
    await playTimeline(lab)
    const file = (await lab.lab('/api/runs/1/export?format=run')).text
    const imported = await lab.lab('/api/runs/import', { method: 'POST', body: file })
    expect(imported.body).toMatchObject({ id: 2, status: 'finished', clocks: 10 })
    const original = (await lab.lab('/api/runs/1/events?limit=10000')).body as EventPage
    const copy = (await lab.lab('/api/runs/2/events?limit=10000')).body as EventPage
    expect(copy.events).toEqual(original.events)
    expect((await lab.lab('/api/runs/2/state?clock=7')).body).toEqual({
      ...((await lab.lab('/api/runs/1/state?clock=7')).body as RunState),
      runId: 2,
    })
    expect((await lab.lab('/api/runs/2/verify', { method: 'POST' })).body).toMatchObject({
      identical: true,
    })

    const lines = file.split('\n')
    const damaged = [
      ...lines.slice(0, 5),
      lines[5]!.replace('node', 'nodx'),
      ...lines.slice(6),
    ].join('\n')
    for (const [bad, message] of [
      [damaged, /checksum/],
      [lines.slice(0, -2).join('\n'), /truncated/],
      ['{"hello":"world"}\n{"t":"end"}\n', /not a Chain Lab run file/],
      ['not json at all\n', /empty|JSON/],
    ] as const) {
      const refused = await lab.lab('/api/runs/import', { method: 'POST', body: bad })
      expect(refused.status).toBe(400)
      expect((refused.body as { error: { message: string } }).error.message).toMatch(message)
    }
    expect(((await lab.lab('/api/runs')).body as RunSummary[]).map((r) => r.id)).toEqual([2, 1])
  })

  it('reads a run while it is being written', async () => {
    await lab.lab('/api/network/start', { method: 'POST' })
    const reads: Promise<unknown>[] = []
    for (let i = 0; i < 20; i++) {
      await lab.node(`node${1 + (i % 3)}`, 'mine')
      reads.push(
        lab.lab(`/api/runs/1/events?limit=50&from=${i}`),
        lab.lab(`/api/runs/1/state?clock=${i}`),
      )
      await lab.lab('/api/network/step', { body: { clocks: 2 } })
    }
    const answers = (await Promise.all(reads)) as { status: number }[]
    expect(answers.every((a) => a.status === 200)).toBe(true)
    expect((await lab.lab('/api/runs/1/verify', { method: 'POST' })).body).toMatchObject({
      identical: true,
    })
  })
})

describe('verifying a long run', () => {
  it('reports progress and can be cancelled', async () => {
    const temp = tempDir()
    const lab = await startTestLab({}, { db: join(temp.dir, 'runs.sqlite') })
    try {
      await lab.lab('/api/network/start', { method: 'POST' })
      await lab.lab('/api/network/auto-mine', { body: { interval: 10 } })
      // Over 500 commands: verification yields between batches, so a cancel gets through.
      for (let i = 0; i < 1_200; i++) await lab.lab('/api/network/step', { body: { clocks: 1 } })
      const progress: { done: number; total: number }[] = []
      const off = lab.app.service.bus.on('verify-progress', (p) => progress.push(p))
      const whole = await lab.lab('/api/runs/1/verify', { method: 'POST' })
      expect(whole.body).toMatchObject({ identical: true })
      expect(progress.at(-1)).toMatchObject({ done: 1_202, total: 1_202 })
      // Cancel once the second verification is surely under way: after its first batch.
      const underway = new Promise<void>((resolve) => {
        const stop = lab.app.service.bus.on('verify-progress', () => (stop(), resolve()))
      })
      const verifying = lab.lab('/api/runs/1/verify', { method: 'POST' })
      await underway
      expect((await lab.lab('/api/runs/1/verify/cancel', { method: 'POST' })).body).toEqual({
        cancelled: true,
      })
      const cancelled = await verifying
      expect(cancelled.status).toBe(409)
      expect(cancelled.body).toMatchObject({ error: { code: 'cancelled' } })
      off()
    } finally {
      await lab.close()
      temp.remove()
    }
  }, 60_000)
})
