/**
 * The names of the lab contract's methods, with no dependencies, so the sandboxed preload can
 * build its bridge from them without bundling the schemas. lab-contract.ts checks that its table
 * has exactly these keys.
 */
export const LAB_METHOD_NAMES = [
  'getNetwork',
  'getRecording',
  'createNetwork',
  'start',
  'reset',
  'step',
  'stepTick',
  'cutLink',
  'healLink',
  'getNode',
  'getChain',
  'getBlockTree',
  'getBlock',
  'mine',
  'sendTransaction',
  'setAutoMine',
  'setWorkload',
  'listRuns',
  'getRun',
  'updateRun',
  'deleteRun',
  'getRunEvents',
  'getRunState',
  'getRunSeries',
  'verifyRun',
  'cancelVerify',
  'branchRun',
  'getRunScenario',
  'openRunFile',
  'saveRunExport',
  'cancelExport',
  'runSweep',
  'cancelSweep',
  'checkDatabase',
] as const

export type LabMethodName = (typeof LAB_METHOD_NAMES)[number]

/** The IPC channel of a method. */
export function channelOf(name: LabMethodName): string {
  return `lab:${name}`
}

/** The IPC channel on which the main side pushes events to windows. */
export const EVENT_CHANNEL = 'lab:event'
