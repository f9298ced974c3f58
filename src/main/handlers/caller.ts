import type { CommandOrigin } from '../../shared/api-types'
import type { LabInput, LabOutputs, LabMethodName } from '../../shared/lab-contract'
import type { JsonText } from './json-text'

/** What only the desktop shell has: the system's file dialogs. */
export interface FileDialogs {
  /** The run file the user chose to open; null when they dismissed the dialog. */
  chooseRunFile(): Promise<string | null>
  /** Where the user chose to save an export offered as `name`; null when they dismissed it. */
  chooseExportPath(name: string): Promise<string | null>
}

/**
 * Who is calling, as the transport knows it: the origin its commands are recorded under, and the
 * file dialogs of the window that asked (IPC alone has a window; over HTTP there are none).
 */
export interface Caller {
  readonly origin: CommandOrigin
  readonly dialogs?: FileDialogs
}

/**
 * The lab contract as the main side serves it: one set, built once, that every transport (IPC,
 * the lab API) calls with its own Caller. A replay state comes as JSON text already made (JsonText).
 */
export type ServedHandlers = {
  [K in LabMethodName]: (input: LabInput<K>, caller: Caller) => Promise<Answer<K>>
}

/** The methods whose answer is JSON made in a worker thread: a replay state (1 MB and more), a series. */
type AnsweredAsJson = 'getRunState' | 'getRunSeries'

/** What a method answers: its output, or for AnsweredAsJson the output's JSON text. */
export type Answer<K extends LabMethodName> = K extends AnsweredAsJson
  ? JsonText<LabOutputs[K]>
  : LabOutputs[K]
