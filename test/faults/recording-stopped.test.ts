// Fault suite: the recording fails (a full disk, its writer thread killed). The lab keeps
// serving, says that recording stopped and why (/api/network, the event stream), finished runs
// stay readable, and recording resumes with the next network once the cause is gone.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { RecordingState } from '../../src/shared/database-types'
import type { NetworkInfo } from '../../src/shared/api-types'
import type { RunSummary } from '../../src/shared/run-types'
import { streamMessages } from '../support/event-stream'
import { startTestLab, type TestLab } from '../support/lab'
import { until } from '../support/lab-process'
import { tempDir } from '../support/recording'
import { mountTmpfs, type Tmpfs } from '../support/tmpfs'

/** The lab's `recording` events, read from its event stream as they come. */
async function recordingEvents(lab: TestLab) {
  const controller = new AbortController()
  const response = await fetch(`${lab.app.labUrl}/api/events?kinds=recording`, {
    signal: controller.signal,
  })
  const states: RecordingState[] = []
  void (async () => {
    try {
      for await (const { event, data } of streamMessages(response.body!))
        if (event === 'recording') states.push(JSON.parse(data) as RecordingState)
    } catch (error) {
      // Aborted by close(); anything else is the test's to see.
      if (!controller.signal.aborted) throw error
    }
  })()
  return { states, close: () => controller.abort() }
}

const recording = async (lab: TestLab) =>
  ((await lab.lab('/api/network')).body as NetworkInfo).recording

/** Steps with a busy workload, so every flush has rows to write. */
async function busySteps(lab: TestLab, times: number): Promise<number[]> {
  const statuses: number[] = []
  for (let i = 0; i < times; i++) {
    await lab.lab('/api/nodes/node1/mine', { method: 'POST', body: {} })
    statuses.push(
      (await lab.lab('/api/network/step', { method: 'POST', body: { clocks: 20 } })).status,
    )
  }
  return statuses
}

/** A network of the default settings, started, with transfers every clock: run N begins. */
async function freshNetwork(lab: TestLab): Promise<void> {
  expect((await lab.lab('/api/network', { method: 'POST', body: { difficulty: 4 } })).status).toBe(
    200,
  )
  await lab.lab('/api/network/start', { method: 'POST', body: {} })
  await lab.lab('/api/network/workload', { method: 'POST', body: { rate: 5 } })
}

/** What must hold while recording is stopped: the lab serves, and old runs read as before. */
async function expectStillServing(lab: TestLab, finishedRun: number): Promise<void> {
  expect(await busySteps(lab, 3)).toEqual([200, 200, 200])
  const runs = await lab.lab('/api/runs')
  expect(runs.status).toBe(200)
  const finished = (runs.body as RunSummary[]).find((r) => r.id === finishedRun)
  expect(finished).toMatchObject({ status: 'finished' })
  expect((await lab.lab(`/api/runs/${finishedRun}/events?limit=5`)).status).toBe(200)
  expect((await lab.lab(`/api/runs/${finishedRun}/state?clock=10`)).status).toBe(200)
  expect(
    (await lab.lab(`/api/runs/${finishedRun}/verify`, { method: 'POST', body: {} })).body,
  ).toMatchObject({ identical: true })
}

describe('a recording that fails', () => {
  let lab: TestLab | null = null
  let tmpfs: Tmpfs | null = null
  let temp: ReturnType<typeof tempDir> | null = null
  afterEach(async () => {
    await lab?.close()
    lab = null
    tmpfs?.unmount()
    tmpfs = null
    temp?.remove()
    temp = null
  })

  it('on a full disk says so and why, keeps serving, and resumes with the next network once space returns', async (context) => {
    // Room, once the ballast goes, for the WAL of 16 KB pages (open-database.ts).
    const mounted = mountTmpfs('8m')
    if (typeof mounted === 'string') return context.skip(mounted)
    tmpfs = mounted
    lab = await startTestLab({}, { db: join(mounted.dir, 'runs.sqlite') })
    const events = await recordingEvents(lab)
    await freshNetwork(lab) // run 1 finished, run 2 live
    await busySteps(lab, 3)
    await freshNetwork(lab) // run 2 finished, run 3 live
    expect(await recording(lab)).toMatchObject({ state: 'recording', runId: 3 })

    await lab.lab('/api/runs') // run 2's last rows written
    // Fill what is left of the disk.
    const ballast = join(mounted.dir, 'ballast')
    const fd = openSync(ballast, 'w')
    try {
      for (;;) writeSync(fd, Buffer.alloc(64 * 1024, 1))
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC')
    } finally {
      closeSync(fd)
    }
    await busySteps(lab, 20)
    await until(() => events.states.some((s) => s.state === 'stopped'))
    const stopped = await recording(lab)
    expect(stopped).toMatchObject({ state: 'stopped', runId: 3 })
    expect(stopped?.state === 'stopped' && stopped.reason).toMatch(/full/)
    await expectStillServing(lab, 2)
    // Cut short, its mark not written (the disk is full): known as interrupted all the same.
    expect((await lab.lab('/api/runs/3')).body).toMatchObject({ status: 'interrupted' })
    const listed = (await lab.lab('/api/runs')).body as RunSummary[]
    expect(listed.find((r) => r.id === 3)).toMatchObject({ status: 'interrupted' })
    // Not recording, so this lab's to delete; only the full disk may refuse it, saying so.
    const refused = await lab.lab('/api/runs/3', { method: 'DELETE' })
    expect(refused).toMatchObject({
      status: 409,
      body: { error: { code: 'database-unusable', message: expect.stringMatching(/full/) } },
    })

    // Still full: a new network goes on unrecorded, still saying why.
    await freshNetwork(lab)
    expect(await recording(lab)).toMatchObject({ state: 'stopped' })

    rmSync(ballast)
    await freshNetwork(lab)
    const resumed = await recording(lab)
    expect(resumed).toMatchObject({ state: 'recording' })
    expect(events.states.at(-1)).toEqual(resumed)
    await busySteps(lab, 3)
    const runId = resumed?.state === 'recording' ? resumed.runId : null
    expect((await lab.lab(`/api/runs/${runId}`)).body).toMatchObject({ status: 'live', clocks: 60 })
    expect((await lab.lab('/api/runs/3')).body).toMatchObject({ status: 'interrupted' })
    // Space again: marked in the file, and deleted.
    expect(
      (await lab.lab('/api/runs/3', { method: 'DELETE' })) as { status: number; body: unknown },
    ).toMatchObject({ status: 200, body: { deleted: 3 } })
    events.close()
  }, 120_000)

  it('with its writer thread killed says so and why, keeps serving, and resumes with the next network', async () => {
    temp = tempDir()
    lab = await startTestLab({}, { db: join(temp.dir, 'runs.sqlite') })
    const events = await recordingEvents(lab)
    await freshNetwork(lab) // run 1 finished, run 2 live
    await busySteps(lab, 3)
    await freshNetwork(lab) // run 3 live
    await lab.lab('/api/runs') // run 2's last rows written
    const recorder = lab.app.recorder!
    await recorder.writer.thread?.terminate()
    await busySteps(lab, 2)
    await until(() => events.states.some((s) => s.state === 'stopped'))
    const stopped = await recording(lab)
    expect(stopped).toMatchObject({ state: 'stopped', runId: 3 })
    expect(stopped?.state === 'stopped' && stopped.reason).toMatch(/writer thread exited/)
    await expectStillServing(lab, 2)
    // The run cut short records no more: it is this lab's to note.
    const noted = await lab.lab('/api/runs/3', { method: 'PATCH', body: { notes: 'cut short' } })
    expect(noted).toMatchObject({
      status: 200,
      body: { status: 'interrupted', notes: 'cut short' },
    })

    await freshNetwork(lab)
    const resumed = await recording(lab)
    expect(resumed).toMatchObject({ state: 'recording', runId: 4 })
    await busySteps(lab, 3)
    expect((await lab.lab('/api/runs/4')).body).toMatchObject({ status: 'live', clocks: 60 })
    expect((await lab.lab('/api/runs/3')).body).toMatchObject({ status: 'interrupted' })
    events.close()
  }, 120_000)
})
