import type { NetworkInfo } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'

/**
 * "Back one clock": the run being recorded, branched at the clock before the network's. The
 * clock cannot run backwards; a branch is a new run that starts where the old one was, and the
 * old one stays whole.
 */
export async function backOneClock(
  client: LabClient,
  clock: number,
): Promise<{ info: NetworkInfo; from: number }> {
  if (clock <= 0) throw new Error('The network is at clock 0: there is no clock before it.')
  const live = (await client.listRuns({})).find((r) => r.status === 'live')
  if (!live) throw new Error('No run is being recorded, so there is no clock to go back to.')
  return { info: await client.branchRun({ id: live.id, clock: clock - 1 }), from: live.id }
}
