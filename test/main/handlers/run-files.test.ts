import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Caller } from '../../../src/main/handlers/caller'
import { createRunHandlers } from '../../../src/main/handlers/run-handlers'
import type { LabEvents } from '../../../src/shared/lab-events'
import { createRecordedLab } from '../../support/recording'

type Lab = Awaited<ReturnType<typeof createRecordedLab>>

/** The desktop window, whose dialogs answer what the test chose, as a user clicking through them would. */
function desktop(answers: { runFile?: string | null; exportPath?: string | null }): Caller {
  return {
    origin: 'desktop',
    dialogs: {
      chooseRunFile: async () => answers.runFile ?? null,
      chooseExportPath: async () => answers.exportPath ?? null,
    },
  }
}

/** A call over the lab API: no dialogs. */
const overHttp: Caller = { origin: 'lab-api' }

describe('the desktop opening a run file', () => {
  let lab: Lab
  beforeEach(async () => {
    lab = await createRecordedLab()
    await lab.service.execute({ type: 'start' }, 'lab-api')
    await lab.service.execute({ type: 'mine', node: 'node1' }, 'lab-api')
    await lab.service.execute({ type: 'step', clocks: 12 }, 'lab-api')
    await lab.recorder.sync()
  })
  afterEach(() => lab.close())

  it('imports the file the dialog chose, read by the main side itself', async () => {
    const path = join(lab.file, '..', 'chosen.chain-lab-run')
    writeFileSync(path, [...lab.recorder.exportLines(lab.runId, 'run')].join(''))
    const handlers = createRunHandlers(lab.service, lab.recorder)
    const window = desktop({ runFile: path })
    const run = await handlers.openRunFile({}, window)
    expect(run).toMatchObject({ id: 2, status: 'finished', clocks: 12 })
  })

  it('answers null when the dialog is dismissed', async () => {
    const handlers = createRunHandlers(lab.service, lab.recorder)
    const window = desktop({ runFile: null })
    expect(await handlers.openRunFile({}, window)).toBeNull()
    expect(lab.recorder.reader.listRuns()).toHaveLength(1)
  })

  it('is refused where there are no dialogs (the lab API)', async () => {
    const handlers = createRunHandlers(lab.service, lab.recorder)
    await expect(handlers.openRunFile({}, overHttp)).rejects.toMatchObject({ code: 'desktop-only' })
  })
})

describe('the desktop saving an export', () => {
  let lab: Lab
  let folder: string
  beforeEach(async () => {
    lab = await createRecordedLab({ nodes: 4 })
    folder = join(lab.file, '..', 'exports')
    mkdirSync(folder)
    await lab.service.execute({ type: 'start' }, 'lab-api')
    await lab.service.execute({ type: 'set-workload', rate: 1 }, 'lab-api')
    await lab.service.execute({ type: 'step', clocks: 300 }, 'lab-api')
    await lab.recorder.sync()
  })
  afterEach(() => lab.close())

  it('writes the export where the dialog chose, reporting its progress', async () => {
    const path = join(folder, 'run.csv')
    const handlers = createRunHandlers(lab.service, lab.recorder)
    const window = desktop({ exportPath: path })
    const progress: LabEvents['export-progress'][] = []
    const off = lab.service.bus.on('export-progress', (p) => progress.push(p))
    const saved = await handlers.saveRunExport({ id: lab.runId, format: 'csv' }, window)
    off()
    const text = readFileSync(path, 'utf8')
    expect(text).toBe([...lab.recorder.exportLines(lab.runId, 'csv')].join(''))
    const lines = text.split('\n').length - 1
    expect(saved).toEqual({ path, lines, bytes: Buffer.byteLength(text) })
    // The header and every event: what the runs list shows, plus one.
    expect(lines).toBe(lab.recorder.reader.getRun(lab.runId)!.events + 1)
    expect(progress.length).toBeGreaterThan(2)
    expect(progress.every((p) => p.runId === lab.runId && p.format === 'csv')).toBe(true)
    expect(progress.at(-1)).toMatchObject({ done: lines, total: lines })
  })

  it('stops on cancel and leaves no file behind', async () => {
    const path = join(folder, 'run.chain-lab-run')
    const handlers = createRunHandlers(lab.service, lab.recorder)
    const window = desktop({ exportPath: path })
    const progress: number[] = []
    // Cancelled as the window would: on seeing the first progress event.
    const off = lab.service.bus.on('export-progress', (p) => {
      progress.push(p.done)
      if (progress.length === 1) void handlers.cancelExport({ id: lab.runId }, window)
    })
    await expect(
      handlers.saveRunExport({ id: lab.runId, format: 'run' }, window),
    ).rejects.toMatchObject({
      code: 'cancelled',
    })
    off()
    expect(progress[0]).toBeLessThan(lab.recorder.exportLineCount(lab.runId, 'run'))
    expect(readdirSync(folder)).toEqual([])
    expect(await handlers.cancelExport({ id: lab.runId }, window)).toEqual({ cancelled: false })
  })

  it('writes nothing when the dialog is dismissed, and is refused without dialogs', async () => {
    const handlers = createRunHandlers(lab.service, lab.recorder)
    const window = desktop({ exportPath: null })
    expect(await handlers.saveRunExport({ id: lab.runId, format: 'jsonl' }, window)).toEqual({
      path: null,
      lines: 0,
      bytes: 0,
    })
    expect(readdirSync(folder)).toEqual([])
    await expect(
      handlers.saveRunExport({ id: lab.runId, format: 'jsonl' }, overHttp),
    ).rejects.toMatchObject({
      code: 'desktop-only',
    })
  })
})
