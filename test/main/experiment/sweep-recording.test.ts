// A sweep checks and migrates its file once; each experiment then records into it without a
// check, a migration or a writer thread of its own (starting one took seconds under load,
// longer than a small experiment runs).
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { sweepRecording } from '../../../src/main/experiment/run-sweep'
import { Recorder, sourceMigrationsFolder } from '../../../src/main/recorder/recorder'
import { LabService } from '../../../src/main/lab/lab-service'
import { hostFactory } from '../../../src/main/host/create-host'
import { DatabaseFileError } from '../../../src/main/recorder/database-check'
import { tempDir } from '../../support/recording'

describe("a sweep's recording", () => {
  const options = { appVersion: 'test', migrationsFolder: sourceMigrationsFolder() }

  it('is checked once, up front: a file that is no database refuses the sweep', () => {
    const temp = tempDir()
    try {
      const file = join(temp.dir, 'not-a-database.sqlite')
      writeFileSync(file, 'x'.repeat(4096))
      expect(() => sweepRecording(file, options)).toThrow(DatabaseFileError)
    } finally {
      temp.remove()
    }
  })

  it("records each experiment in the worker's own thread, with no writer thread", async () => {
    const temp = tempDir()
    try {
      const recording = sweepRecording(join(temp.dir, 'sweep.sqlite'), options)
      expect(recording).toMatchObject({ checked: true, writeInline: true })
      const service = await LabService.create({ difficulty: 4 }, { createHost: hostFactory(0) })
      const recorder = Recorder.open(recording.file, recording)
      try {
        recorder.attach(service)
        await service.execute({ type: 'start' }, 'scenario')
        await service.execute({ type: 'step', clocks: 50 }, 'scenario')
        expect(recorder.writer.thread).toBeUndefined()
        // Written as it was recorded: nothing waits on a thread.
        recorder.writer.flush()
        expect(recorder.reader.getRun(1)).toMatchObject({ status: 'live', clocks: 50 })
      } finally {
        await recorder.close()
        await service.close()
      }
      const reopened = Recorder.open(recording.file, options)
      try {
        expect(reopened.reader.getRun(1)).toMatchObject({ status: 'finished', clocks: 50 })
      } finally {
        await reopened.close()
      }
    } finally {
      temp.remove()
    }
  })
})
