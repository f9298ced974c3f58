import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Command } from '../../../../src/core/commands'
import { NODE_STATUSES, type NodeStatus } from '../../../../src/core/node-status'
import { unpackChartEvents } from '../../../../src/main/recorder/series/chart-chunk'
import { RunSeriesCache } from '../../../../src/main/recorder/series/run-series-cache'
import type {
  BucketedSeries,
  BucketNetwork,
  RunSummary,
  SeriesBucket,
} from '../../../../src/shared/run-types'
import { clampRange } from '../../../../src/main/recorder/series/series-buckets'
import { SERIES_NODES_UP_TO } from '../../../../src/shared/schemas'
import { SeriesBuilder } from '../../../../src/renderer/src/store/series'
import { createRecordedLab } from '../../../support/recording'
import { randomWorkload } from '../../../support/workloads'

type Lab = Awaited<ReturnType<typeof createRecordedLab>>
const NODES = ['node1', 'node2', 'node3', 'node4']

/** The renderer's exact per-clock series of the whole run, as a small run's replay builds it. */
function exactSeries(lab: Lab, run: RunSummary): SeriesBuilder {
  const builder = new SeriesBuilder(NODES)
  let cursor: number | undefined
  do {
    const page = lab.recorder.reader.events(lab.runId, { limit: 10_000, cursor })
    builder.apply(page.events)
    cursor = page.next ?? undefined
  } while (cursor !== undefined)
  builder.advance(run.clocks)
  return builder
}

/** What the series' buckets share with the renderer's rows. */
function asRows(series: BucketedSeries) {
  return series.buckets.map(({ clock, heights, pools, messages, forks, reorgs, reorgDepth }) => ({
    clock,
    heights,
    pools,
    messages,
    forks,
    reorgs,
    reorgDepth,
  }))
}

/** Each node's clocks per status in each bucket, from the status timeline's spans. */
function statusClocks(builder: SeriesBuilder, series: BucketedSeries) {
  const spans = builder.statusSpans(series.from, series.to)
  return series.buckets.map((bucket) =>
    Object.fromEntries(
      NODES.map((node) => {
        const spent = new Map<NodeStatus, number>()
        for (const span of spans.filter((s) => s.node === node)) {
          const overlap = Math.min(span.to, bucket.to) - Math.max(span.from, bucket.clock) + 1
          if (overlap > 0) spent.set(span.status, (spent.get(span.status) ?? 0) + overlap)
        }
        return [node, spent]
      }),
    ),
  )
}

describe('a recorded run in buckets of clocks', () => {
  let lab: Lab
  let run: RunSummary
  let exact: SeriesBuilder

  beforeAll(async () => {
    // Fast miners on a slow ring, split in two for a while, then a controller's commands: forks,
    // reorganisations that return transfers to pools, evictions and refusals.
    lab = await createRecordedLab(
      {
        nodes: NODES.length,
        topology: { kind: 'ring' },
        latency: 3,
        autoMine: { interval: 4, hashPower: null },
        workload: { rate: 0.5, minValue: 1, maxValue: 3 },
      },
      { checkpointEvery: 25 },
    )
    // Each command written as it comes: a chart chunk per command.
    const execute = async (command: Command) => {
      await lab.service.execute(command, 'scenario')
      await lab.recorder.sync()
    }
    await execute({ type: 'start' })
    await execute({ type: 'step', clocks: 300 })
    await execute({ type: 'cut-link', a: 'node1', b: 'node2' })
    await execute({ type: 'cut-link', a: 'node3', b: 'node4' })
    await execute({ type: 'step', clocks: 200 })
    await execute({ type: 'heal-link', a: 'node1', b: 'node2' })
    await execute({ type: 'heal-link', a: 'node3', b: 'node4' })
    await execute({ type: 'step', clocks: 300 })
    for (const command of randomWorkload(7, NODES, 100)) await execute(command)
    await lab.recorder.sync()
    run = lab.recorder.reader.getRun(lab.runId) as RunSummary
    exact = exactSeries(lab, run)
  })
  afterAll(() => lab.close())

  const series = (query: {
    from?: number
    to?: number
    buckets: number
    node?: string
    detail?: 'summary'
  }) => lab.recorder.series.series(run, query)

  it('has forks, reorganisations that return transfers, and evictions to chart', () => {
    const events = (kind: string) =>
      lab.recorder.reader.events(lab.runId, { kind, limit: 10_000 }).events
    expect(
      events('block.accepted').some((e) => e.kind === 'block.accepted' && !e.onMainChain),
    ).toBe(true)
    expect(
      events('chain.reorg').some((e) => e.kind === 'chain.reorg' && e.returned.length > 0),
    ).toBe(true)
    expect(events('tx.evicted').length).toBeGreaterThan(0)
  })

  it.each([1, 7, 100, 600])(
    'equals the exact per-clock series merged into %i buckets: heights, pools, messages, forks',
    async (buckets) => {
      const whole = await series({ buckets })
      expect(whole).toMatchObject({ from: 0, to: run.clocks, nodes: NODES })
      expect(asRows(whole)).toEqual(exact.window(0, run.clocks, buckets))
    },
  )

  it('equals the exact series in a stretch of the run, bucket boundaries included', async () => {
    const part = await series({ from: 333, to: 901, buckets: 40 })
    expect(part.width).toBe(15)
    expect(part.buckets.at(-1)).toMatchObject({ clock: 888, to: 901 })
    expect(asRows(part)).toEqual(exact.window(333, 901, 40))
  })

  it("spends each node's clocks in statuses as the status timeline does", async () => {
    const part = await series({ from: 100, to: 700, buckets: 50 })
    const expected = statusClocks(exact, part)
    part.buckets.forEach((bucket, i) => {
      for (const node of NODES) {
        const spent = expected[i]?.[node] as Map<NodeStatus, number>
        const clocks = bucket.to - bucket.clock + 1
        expect(bucket.busy[node]).toBe(clocks - (spent.get('idle') ?? 0))
        const most = Math.max(
          0,
          ...NODE_STATUSES.filter((s) => s !== 'idle').map((s) => spent.get(s) ?? 0),
        )
        const main = NODE_STATUSES.find((s) => s !== 'idle' && most > 0 && spent.get(s) === most)
        expect(bucket.activity[node], `${node} in ${bucket.clock}..${bucket.to}`).toBe(
          main ?? 'idle',
        )
      }
    })
  })

  it("follows a node's balances as the state at each bucket's last clock", async () => {
    const part = await series({ buckets: 25, node: 'node3' })
    expect(part.balancesOf).toBe('node3')
    expect(part.accounts).toEqual(['aki', 'so', 'satoshi'])
    for (const bucket of part.buckets) {
      const state = lab.recorder.replayer.stateAt(lab.runId, bucket.to)
      expect(bucket.balances, `clock ${bucket.to}`).toEqual(state.nodes[2]?.balances)
    }
  })

  it("packs each flush's chart events as the events themselves read", () => {
    const { reader } = lab.recorder
    const chunks = reader.chartChunks(lab.runId, 0)
    expect(chunks.length).toBeGreaterThan(1)
    // Every event of the run, in chunks that follow one another.
    expect(chunks[0]?.firstSeq).toBe(1)
    chunks.slice(1).forEach((c, i) => expect(c.firstSeq).toBe((chunks[i]?.lastSeq ?? 0) + 1))
    expect(chunks.at(-1)?.lastSeq).toBe(run.events)
    expect(chunks.flatMap((c) => unpackChartEvents(c.events))).toEqual(
      reader.chartEvents(lab.runId, 0, 1_000_000),
    )
  })

  it('reads the stretches of a run recorded without chart chunks from its events', async () => {
    const expected = await series({ buckets: 100 })
    // As an earlier version recorded, or an imported file: some chunks missing, then all.
    const db = new Database(lab.file)
    const chunks = lab.recorder.reader.chartChunks(lab.runId, 0)
    const drop = db.prepare('DELETE FROM chart_chunks WHERE run_id = ? AND first_seq = ?')
    for (const chunk of chunks.filter((_, i) => i % 3 === 1)) drop.run(lab.runId, chunk.firstSeq)
    const fresh = () => new RunSeriesCache(lab.recorder.reader, lab.recorder.replayer)
    expect(await fresh().series(run, { buckets: 100 })).toEqual(expected)
    db.prepare('DELETE FROM chart_chunks WHERE run_id = ?').run(lab.runId)
    expect(await fresh().series(run, { buckets: 100 })).toEqual(expected)
    db.close()
  })

  it("summarised, holds the whole network's summary and one node's rows, as the exact series has them", async () => {
    const part = await series({ from: 100, to: 700, buckets: 50, node: 'node3', detail: 'summary' })
    expect(part.summarised).toBe(true)
    const each = await series({ from: 100, to: 700, buckets: 50, node: 'node3' })
    expect(each.summarised).toBe(false)
    const rows = exact.window(100, 700, 50, { summary: true })
    const spent = statusClocks(exact, part)
    part.buckets.forEach((bucket, i) => {
      const whole = each.buckets[i] as SeriesBucket
      const at = `${bucket.clock}..${bucket.to}`
      // The followed node's values are the per-node answer's, the others' are left out.
      expect(bucket.heights, at).toEqual({ node3: whole.heights['node3'] })
      expect(bucket.pools, at).toEqual({ node3: whole.pools['node3'] })
      expect(bucket.activity, at).toEqual({ node3: whole.activity['node3'] })
      expect(bucket.busy, at).toEqual({ node3: whole.busy['node3'] })
      const { statuses, ...summary } = bucket.network as BucketNetwork
      expect(summary, at).toEqual(rows[i]?.summary)
      // Nodes per status on average over the bucket: every node's clocks in it, summed.
      const clocks = bucket.to - bucket.clock + 1
      for (const status of NODE_STATUSES) {
        const nodeClocks = NODES.reduce((sum, n) => sum + (spent[i]?.[n]?.get(status) ?? 0), 0)
        expect(statuses[status], `${status} in ${at}`).toBeCloseTo(nodeClocks / clocks, 9)
      }
      expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBeCloseTo(NODES.length, 9)
      const { network: _, heights: _h, pools: _p, activity: _a, busy: _b, ...rest } = bucket
      const { heights: _wh, pools: _wp, activity: _wa, busy: _wb, ...wholeRest } = whole
      expect(rest, at).toEqual(wholeRest)
    })
    expect(part.buckets.some((b) => (b.network?.statuses.mining ?? 0) > 0)).toBe(true)
    expect(each.buckets.every((b) => b.network === undefined)).toBe(true)
  })

  it(`is summarised without asking beyond ${SERIES_NODES_UP_TO} nodes`, () => {
    const nodes = Array.from({ length: SERIES_NODES_UP_TO + 1 }, (_, i) => `node${i + 1}`)
    expect(clampRange({ buckets: 5 }, 100, nodes.slice(0, -1)).summarised).toBe(false)
    expect(clampRange({ buckets: 5 }, 100, nodes).summarised).toBe(true)
  })

  it('holds from, to and buckets to the run', async () => {
    expect(await series({ from: 50, to: 10 * run.clocks, buckets: 10 })).toMatchObject({
      from: 50,
      to: run.clocks,
    })
    const past = await series({ from: run.clocks + 100, buckets: 10 })
    expect(past).toMatchObject({ from: run.clocks, to: run.clocks, width: 1 })
    expect(past.buckets).toHaveLength(1)
    const few = await series({ from: 10, to: 14, buckets: 600 })
    expect(few.buckets.map((b) => [b.clock, b.to])).toEqual([
      [10, 10],
      [11, 11],
      [12, 12],
      [13, 13],
      [14, 14],
    ])
    expect((await series({ buckets: 3, node: 'node9' })).balancesOf).toBe('node1')
  })
})

describe('the buckets of a live run and of a branch', () => {
  let lab: Lab
  beforeAll(async () => {
    lab = await createRecordedLab({
      nodes: 3,
      autoMine: { interval: 6, hashPower: null },
      workload: { rate: 0.3, minValue: 1, maxValue: 3 },
    })
    await lab.service.execute({ type: 'start' }, 'scenario')
    await lab.service.execute({ type: 'step', clocks: 200 }, 'scenario')
    await lab.recorder.sync()
  })
  afterAll(() => lab.close())

  const summary = (id: number) => lab.recorder.reader.getRun(id) as RunSummary

  it('takes in what a live run recorded since it was last asked', async () => {
    const before = await lab.recorder.series.series(summary(lab.runId), { buckets: 20 })
    expect(before.to).toBe(200)
    await lab.service.execute({ type: 'step', clocks: 150 }, 'scenario')
    await lab.recorder.sync()
    const run = summary(lab.runId)
    const after = await lab.recorder.series.series(run, { buckets: 20 })
    expect(after.to).toBe(350)
    const builder = new SeriesBuilder(['node1', 'node2', 'node3'])
    builder.apply(lab.recorder.reader.events(lab.runId, { limit: 10_000 }).events)
    builder.advance(run.clocks)
    expect(asRows(after)).toEqual(builder.window(0, run.clocks, 20))
  })

  it("starts a branch from its parent's state at the branch clock", async () => {
    const parent = lab.runId
    const { state, config } = lab.recorder.replayer.exportAt(parent, 120)
    await lab.service.replaceNetwork({
      config,
      dialect: 'readme',
      state,
      branchOf: { runId: parent, clock: 120 },
    })
    await lab.service.execute({ type: 'step', clocks: 60 }, 'scenario')
    await lab.recorder.sync()
    const branch = lab.recorder.writer.runId as number
    // A clock a bucket: the first is the branch clock itself, before the branch did anything.
    const series = await lab.recorder.series.series(summary(branch), { from: 120, buckets: 61 })
    expect(series.buckets[0]).toMatchObject({ clock: 120, to: 120 })
    for (const bucket of series.buckets) {
      const at = lab.recorder.replayer.stateAt(branch, bucket.to)
      expect(bucket.heights, `clock ${bucket.to}`).toEqual(
        Object.fromEntries(at.nodes.map((n) => [n.id, n.height])),
      )
      expect(bucket.balances).toEqual(at.nodes[0]?.balances)
    }
  })
})
