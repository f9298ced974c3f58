// Closing the recording by a deadline (a SIGTERM's): what the writer thread has not written by
// then is dropped, the batch under way rolled back, and the run kept to its last committed batch,
// marked interrupted, its counters matching its rows.
import { afterEach, describe, expect, it } from 'vitest'
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { createRecordedLab } from '../../../support/recording'

describe('closing the recording by a deadline', () => {
  let lab: Awaited<ReturnType<typeof createRecordedLab>> | null = null
  afterEach(async () => {
    await lab?.close()
    lab = null
  })

  const stored = (file: string) => {
    const raw = new Database(file, { readonly: true })
    try {
      return {
        integrity: raw.pragma('integrity_check', { simple: true }),
        run: raw.prepare('SELECT status, clocks, commands, events FROM runs WHERE id = 1').get(),
        rows: raw
          .prepare(
            `SELECT (SELECT max(clock_after) FROM commands WHERE run_id = 1) AS clocks,
                    (SELECT count(*) FROM commands WHERE run_id = 1) AS commands,
                    (SELECT coalesce(sum(count), 0) FROM event_chunks WHERE run_id = 1) AS events`,
          )
          .get() as Record<string, number>,
      }
    } finally {
      raw.close()
    }
  }

  it('stops at once, rolling back the batch under way: the run is interrupted where it was written', async () => {
    lab = await createRecordedLab({}, { checkpointEvery: 100 })
    const { service, recorder, file } = lab
    await service.execute({ type: 'start' }, 'lab-api')
    await service.execute({ type: 'set-auto-mine', interval: 10 }, 'lab-api')
    await service.execute({ type: 'step', clocks: 100 }, 'lab-api')
    await recorder.sync()
    // Thousands of rows handed to the thread just now: far from written when the deadline comes.
    await service.execute({ type: 'step', clocks: 20_000 }, 'lab-api')
    const started = Date.now()
    await recorder.close({ deadline: Date.now() })
    expect(Date.now() - started).toBeLessThan(1_000)
    lab.close = async () => {
      await service.close()
      rmSync(dirname(file), { recursive: true, force: true })
    }

    const { integrity, run, rows } = stored(file)
    expect(integrity).toBe('ok')
    expect(run).toEqual({ status: 'interrupted', ...rows })
    expect(rows).toMatchObject({ clocks: 100 })
  })

  it('writes everything and finishes the run when the writer is done before the deadline', async () => {
    lab = await createRecordedLab({}, { checkpointEvery: 100 })
    const { service, recorder, file } = lab
    await service.execute({ type: 'start' }, 'lab-api')
    await service.execute({ type: 'step', clocks: 100 }, 'lab-api')
    await recorder.close({ deadline: Date.now() + 60_000 })
    lab.close = async () => {
      await service.close()
      rmSync(dirname(file), { recursive: true, force: true })
    }

    const { run, rows } = stored(file)
    expect(run).toEqual({ status: 'finished', ...rows })
    expect(rows).toMatchObject({ clocks: 100 })
  })
})
