import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { Recorder } from '../../../src/main/recorder/recorder'
import type { RunSummary } from '../../../src/shared/run-types'
import { freeLabPorts, spawnLab, until } from '../../support/lab-process'
import { tempDir } from '../../support/recording'

const lab = spawnLab

describe('recording from the command line', () => {
  let temp: ReturnType<typeof tempDir>
  afterEach(() => temp.remove())

  it('survives kill -9: the file opens cleanly, the run is there up to its last flush, marked interrupted', async () => {
    temp = tempDir()
    const db = join(temp.dir, 'runs.sqlite')
    const { labPort, args } = await freeLabPorts()
    const run = lab(['--nodes', '1', ...args, '--db', db, '--workers', '0'])
    await until(() => run.output().includes('recording to'))
    const api = `http://127.0.0.1:${labPort}`
    await fetch(`${api}/api/network/start`, { method: 'POST' })
    for (let i = 0; i < 30; i++) {
      await fetch(`${api}/api/nodes/node1/mine`, { method: 'POST' })
      await fetch(`${api}/api/network/step`, { method: 'POST', body: '{"clocks":5}' })
    }
    const seen = (await (await fetch(`${api}/api/runs/1`)).json()) as RunSummary
    // More work, then the process dies mid-run without a chance to flush.
    for (let i = 0; i < 10; i++)
      await fetch(`${api}/api/network/step`, { method: 'POST', body: '{"clocks":3}' })
    run.child.kill('SIGKILL')
    await run.exited

    const raw = new Database(db)
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok')
    const row = raw.prepare('SELECT status, events FROM runs WHERE id = 1').get() as {
      status: string
      events: number
    }
    raw.close()
    expect(row.status).toBe('live')
    expect(row.events).toBeGreaterThanOrEqual(seen.events)

    const recorder = Recorder.open(db, { appVersion: 'test' })
    try {
      expect(recorder.interrupted).toBe(1)
      expect(recorder.reader.getRun(1)).toMatchObject({
        status: 'interrupted',
        clocks: expect.any(Number),
      })
      expect(await recorder.replayer.verify(1)).toMatchObject({ identical: true })
    } finally {
      await recorder.close()
    }
  })

  it('plays a scenario headless, records it and exits', async () => {
    temp = tempDir()
    const db = join(temp.dir, 'runs.sqlite')
    const { args } = await freeLabPorts()
    const run = lab([
      '--scenario',
      'scenarios/spec-timeline.json',
      '--db',
      db,
      ...args,
      '--nodes',
      '1',
    ])
    expect(await run.exited).toBe(0)
    expect(run.output()).toMatch(/Played The spec timeline to clock 10: run 1/)
    const recorder = Recorder.open(db, { appVersion: 'test' })
    try {
      expect(recorder.reader.getRun(1)).toMatchObject({
        name: 'The spec timeline',
        status: 'finished',
        clocks: 10,
        nodes: 3,
      })
      const state = recorder.replayer.stateAt(1, 8)
      expect(state.nodes.map((n) => n.status)).toEqual([
        'broadcasting-block',
        'receiving-block',
        'receiving-block',
      ])
      expect(await recorder.replayer.verify(1)).toMatchObject({ identical: true })
    } finally {
      await recorder.close()
    }
  })

  it('names a broken scenario file in a one-line error', async () => {
    temp = tempDir()
    const bad = join(temp.dir, 'bad.json')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(bad, JSON.stringify({ commands: [{ at: 1, command: { type: 'fly' } }] }))
    const run = lab(['--scenario', bad, '--db', join(temp.dir, 'x.sqlite')])
    expect(await run.exited).toBe(2)
    expect(run.output().trim().split('\n')).toHaveLength(1)
    expect(run.output()).toContain('--scenario: commands.0')
  })

  it('ships two example scenarios that parse', () => {
    for (const file of ['spec-timeline.json', 'fork-under-partition.json'])
      expect(JSON.parse(readFileSync(join('scenarios', file), 'utf8'))).toHaveProperty('commands')
  })
})
