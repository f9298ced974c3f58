// Fault suite: a lab killed with SIGKILL in the middle of importing a run file. The half-imported
// run was never shown; the next lab to start, even while the dead one is still a zombie, removes
// it, and the file is whole.
import { createReadStream, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { ownerLockFolder } from '../../src/main/recorder/run-owner'
import { freeLabPorts, processState, spawnUnreapedLab, until } from '../support/lab-process'
import { startTestLab, type TestLab } from '../support/lab'
import { createRecordedLab, tempDir } from '../support/recording'

/** A run file of some hundred thousand lines: an import that takes seconds. */
async function bigRunFile(path: string): Promise<void> {
  const lab = await createRecordedLab({ nodes: 6 }, { checkpointEvery: 50 })
  try {
    await lab.service.execute({ type: 'start' }, 'lab-api')
    await lab.service.execute({ type: 'set-workload', rate: 20 }, 'lab-api')
    await lab.service.execute({ type: 'set-auto-mine', interval: 20 }, 'lab-api')
    await lab.service.execute({ type: 'step', clocks: 1_500 }, 'lab-api')
    await lab.recorder.sync()
    writeFileSync(path, [...lab.recorder.exportLines(lab.runId, 'run')].join(''))
  } finally {
    await lab.close()
  }
}

const countWhere = (db: string, status: string): number => {
  const raw = new Database(db, { readonly: true })
  try {
    return (
      raw.prepare('SELECT count(*) AS n FROM runs WHERE status = ?').get(status) as { n: number }
    ).n
  } finally {
    raw.close()
  }
}

describe('a lab killed with SIGKILL during an import', () => {
  let temp: ReturnType<typeof tempDir>
  let next: TestLab | null = null
  let unreaped: ReturnType<typeof spawnUnreapedLab> | null = null
  afterEach(async () => {
    await next?.close()
    next = null
    await unreaped?.stop()
    unreaped = null
    temp.remove()
  })

  it('leaves nothing of the import once the next lab starts, and a whole file', async () => {
    temp = tempDir()
    const file = join(temp.dir, 'big.chain-lab-run')
    await bigRunFile(file)
    expect(statSync(file).size).toBeGreaterThan(5_000_000)
    const db = join(temp.dir, 'runs.sqlite')
    const { labPort, args } = await freeLabPorts()
    // Its temporary files in the test's folder: the upload it is writing when killed stays (no
    // `finally` runs), and the folder goes with the test.
    unreaped = spawnUnreapedLab(['--nodes', '1', ...args, '--db', db, '--workers', '0'], {
      env: { TMPDIR: temp.dir },
    })
    const lab = unreaped
    const pid = await lab.labPid()
    await until(() => lab.output().includes('recording to'), 90_000)

    const upload = fetch(`http://127.0.0.1:${labPort}/api/runs/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-chain-lab-run' },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream,
      duplex: 'half',
    } as RequestInit).catch(() => null)
    // The hidden run appears once the file is checked and its rows start going in.
    await until(() => countWhere(db, 'importing') === 1, 60_000)
    process.kill(pid, 'SIGKILL')
    await upload
    await until(() => processState(pid) === 'Z', 5_000)

    next = await startTestLab({}, { db })
    expect(countWhere(db, 'importing')).toBe(0)
    const runs = await next.lab('/api/runs')
    expect(runs.status).toBe(200)
    expect((runs.body as { id: number }[]).map((r) => r.id).sort()).toEqual([1, 3])
    expect(next.app.recorder?.reader.getRun(1)).toMatchObject({ status: 'interrupted' })
    const raw = new Database(db, { readonly: true })
    try {
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok')
      // Nothing of the import is left: no event, in any of the tables events may be in.
      for (const table of ['events', 'event_chunks', 'node_event_chunks', 'node_event_marks'])
        expect(raw.prepare(`SELECT count(*) AS n FROM ${table} WHERE run_id = 2`).get()).toEqual({
          n: 0,
        })
    } finally {
      raw.close()
    }
    expect(processState(pid)).toBe('Z')
    // The dead lab's lock file is gone with its runs; only the new lab's own is left.
    expect(readdirSync(ownerLockFolder(db))).toEqual([
      `${next.app.recorder?.writer.owner.token}.lock`,
    ])
  }, 240_000)
})
