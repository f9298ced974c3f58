import { EngineError } from '../../core/errors'
import { LabError } from '../../shared/errors'
import { RunDamagedError } from '../recorder/read/run-reader'
import { settingsOfConfig } from '../../shared/network-settings'
import { exportFileName } from '../../shared/export-formats'
import { scenarioEntries, type Scenario } from '../../shared/scenario'
import { saveExport } from '../files/save-export'
import type { Recorder } from '../recorder/recorder'
import { RunNotFoundError } from '../recorder/replay/run-replay'
import type { LabService } from '../lab/lab-service'
import type { Caller, FileDialogs, ServedHandlers } from './caller'
import { JsonText } from './json-text'
import type { BucketedSeries, RunState } from '../../shared/run-types'

type RunHandlerNames =
  | 'listRuns'
  | 'getRun'
  | 'updateRun'
  | 'deleteRun'
  | 'getRunEvents'
  | 'getRunState'
  | 'getRunSeries'
  | 'verifyRun'
  | 'cancelVerify'
  | 'branchRun'
  | 'getRunScenario'
  | 'openRunFile'
  | 'saveRunExport'
  | 'cancelExport'

export type RunHandlers = Pick<ServedHandlers, RunHandlerNames>

/** Long work stopped at the user's request. */
export class CancelledError extends LabError {
  override readonly name = 'CancelledError'
  constructor(message: string) {
    super('cancelled', message)
  }
}

/**
 * Long work on runs (verifying, exporting), one at a time per run: a new one stops the one under
 * way, and any can be cancelled, its caller then getting a CancelledError.
 */
class RunJobs {
  private readonly running = new Map<number, AbortController>()

  constructor(private readonly doing: string) {}

  async run<T>(id: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.running.get(id)?.abort()
    const controller = new AbortController()
    this.running.set(id, controller)
    try {
      return await work(controller.signal)
    } catch (error) {
      if (controller.signal.aborted)
        throw new CancelledError(`${this.doing} run ${id} was cancelled`)
      throw error
    } finally {
      if (this.running.get(id) === controller) this.running.delete(id)
    }
  }

  cancel(id: number): { cancelled: boolean } {
    const controller = this.running.get(id)
    controller?.abort()
    return { cancelled: controller !== undefined }
  }
}

/** A method that needs the desktop shell's dialogs, called where there are none. */
export class DesktopOnlyError extends LabError {
  override readonly name = 'DesktopOnlyError'
  constructor(message: string) {
    super('desktop-only', message)
  }
}

/** Raised when the lab runs without a database (recording off). */
export class RecordingOffError extends LabError {
  override readonly name = 'RecordingOffError'
  constructor() {
    super('recording-off', 'this lab is not recording: start it with --db FILE')
  }
}

/**
 * Reads a run, answering run-damaged for a failure outside the error model: a run's rows are
 * written by this lab or checked on import, so one that breaks a read was damaged since (edited,
 * or a disk fault), and the caller is told so rather than getting a bare internal error.
 */
export async function readingRun<T>(id: number, read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (error instanceof LabError || error instanceof EngineError) throw error
    console.error(`[lab] reading run ${id} failed:`, error)
    const reason = error instanceof Error ? error.message : String(error)
    throw new RunDamagedError(id, `a row cannot be read (${reason})`)
  }
}

/** The saved-runs half of the contract: reading, replaying and branching recorded runs. */
export function createRunHandlers(service: LabService, recorder: Recorder | null): RunHandlers {
  // Reads must see the live run up to now, not up to its last flush: sync first (cheap when
  // nothing is buffered).
  const rec = async (): Promise<Recorder> => {
    if (!recorder) throw new RecordingOffError()
    await recorder.sync()
    return recorder
  }
  const verifications = new RunJobs('verifying')
  const exports = new RunJobs('exporting')
  const desktop = ({ dialogs }: Caller, instead: string): FileDialogs => {
    if (!dialogs) throw new DesktopOnlyError(`only the desktop app has file dialogs: ${instead}`)
    return dialogs
  }
  const summary = async (id: number) => {
    const run = (await rec()).getRun(id)
    if (!run) throw new RunNotFoundError(id)
    return run
  }
  return {
    listRuns: async () => (await rec()).listRuns(),
    getRun: async ({ id }) => summary(id),
    updateRun: async ({ id, name, notes }) => {
      ;(await rec()).rename(id, { name, notes })
      return summary(id)
    },
    deleteRun: async ({ id }) => {
      ;(await rec()).delete(id)
      return { deleted: id }
    },
    getRunEvents: async ({ id, ...query }) => {
      await summary(id)
      return readingRun(id, async () => (await rec()).reader.events(id, query))
    },
    getRunState: async ({ id, clock, chainsOf, scrub, links }) => {
      await summary(id)
      // JSON made in the replay thread, sent on as it is.
      return readingRun(
        id,
        async () =>
          new JsonText<RunState>(
            await (await rec()).states.stateJson({ runId: id, clock, chainsOf, scrub, links }),
          ),
      )
    },
    getRunSeries: async ({ id, ...query }) => {
      const run = await summary(id)
      // Bucketed, and written as JSON, in the replay thread: sent on as it is.
      return readingRun(
        id,
        async () => new JsonText<BucketedSeries>(await (await rec()).states.seriesJson(run, query)),
      )
    },
    verifyRun: async ({ id }) => {
      const run = await summary(id)
      return verifications.run(id, async (signal) => {
        // Nothing done yet: the verify is under way, and cancelVerify now stops it.
        service.bus.emit('verify-progress', { runId: id, done: 0, total: run.commands })
        return readingRun(id, async () =>
          (await rec()).jobs.verify(
            id,
            (done, total) => service.bus.emit('verify-progress', { runId: id, done, total }),
            signal,
          ),
        )
      })
    },
    cancelVerify: async ({ id }) => verifications.cancel(id),
    branchRun: async ({ id, clock }) => {
      const run = await summary(id)
      const { state, config } = await readingRun(id, async () =>
        (await rec()).replayer.exportAt(id, clock),
      )
      return service.replaceNetwork({
        config,
        dialect: run.dialect,
        state,
        branchOf: { runId: id, clock },
      })
    },
    openRunFile: async (_input, caller) => {
      const path = await desktop(caller, 'POST the file to /api/runs/import').chooseRunFile()
      // The main side reads the file itself: a run file is far too big to pass as one message.
      return path === null ? null : summary(await (await rec()).importRunFile(path))
    },
    // The main side writes the file itself, streaming it from the database: a big run's export
    // is far too large to cross to the window as one message.
    saveRunExport: async ({ id, format }, caller) => {
      const run = await summary(id)
      const path = await desktop(
        caller,
        `GET /api/runs/${id}/export?format=${format}`,
      ).chooseExportPath(exportFileName(run.name, format))
      if (path === null) return { path: null, lines: 0, bytes: 0 }
      return exports.run(id, async (signal) => {
        const stream = await (await rec()).jobs.openExport(id, format, signal)
        try {
          const saved = await saveExport(path, stream.chunks, {
            total: stream.lines,
            signal,
            onProgress: (progress) =>
              service.bus.emit('export-progress', { runId: id, format, ...progress }),
          })
          return { path, ...saved }
        } finally {
          await stream.close()
        }
      })
    },
    cancelExport: async ({ id }) => exports.cancel(id),
    getRunScenario: async ({ id }) => {
      const run = await summary(id)
      const config = (await rec()).reader.config(id)?.config
      if (!config) throw new RunNotFoundError(id)
      const commands = scenarioEntries(
        await readingRun(id, async () => (await rec()).reader.commands(id)),
      )
      const scenario: Scenario = {
        name: run.name,
        network: { ...settingsOfConfig(config), dialect: run.dialect },
        commands,
        until: run.clocks,
      }
      return scenario
    },
  }
}
