import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRunHandlers, type FileDialogs } from '../../../src/main/lab/run-handlers'
import { createRecordedLab } from '../../support/recording'

type Lab = Awaited<ReturnType<typeof createRecordedLab>>

/** Dialogs that answer what the test chose, as a user clicking through them would. */
function dialogs(answers: { runFile?: string | null }): FileDialogs {
  return { chooseRunFile: async () => answers.runFile ?? null }
}

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
    const handlers = createRunHandlers(lab.service, lab.recorder, dialogs({ runFile: path }))
    const run = await handlers.openRunFile({})
    expect(run).toMatchObject({ id: 2, status: 'finished', clocks: 12 })
  })

  it('answers null when the dialog is dismissed', async () => {
    const handlers = createRunHandlers(lab.service, lab.recorder, dialogs({ runFile: null }))
    expect(await handlers.openRunFile({})).toBeNull()
    expect(lab.recorder.reader.listRuns()).toHaveLength(1)
  })

  it('is refused where there are no dialogs (the lab API)', async () => {
    const handlers = createRunHandlers(lab.service, lab.recorder)
    await expect(handlers.openRunFile({})).rejects.toMatchObject({ code: 'desktop-only' })
  })
})
