import { LabError } from '../../shared/errors'
import type { Scenario, ScenarioEntry } from '../../shared/scenario'
import type { LabService } from './lab-service'

/** A scenario entry the network refused: names the entry, so the file can be fixed. */
export class ScenarioError extends LabError {
  override readonly name = 'ScenarioError'
  constructor(index: number, entry: ScenarioEntry, reason: string) {
    super('invalid-argument', `scenario entry ${index + 1} (${JSON.stringify(entry)}): ${reason}`)
  }
}

/**
 * Plays a scenario on the service's network, entry by entry in file order: starts every node
 * unless the scenario starts them itself, steps every node together up to each entry's `at`,
 * applies it, and steps on to `until`. A reset of the whole network begins a new run (the
 * recording's next), as it does over the UI and the lab API; a reset of one node does not.
 */
export async function playScenario(service: LabService, scenario: Scenario): Promise<number> {
  const entries = scenario.commands.map((entry, index) => ({ entry, index }))
  if (!entries.some(({ entry }) => entry.command.type === 'start'))
    await service.execute({ type: 'start' }, 'scenario')
  const stepTo = async (clock: number) => {
    const now = await service.query({ type: 'clock' })
    if (clock > now) await service.execute({ type: 'step', clocks: clock - now }, 'scenario')
  }
  for (const { entry, index } of entries) {
    try {
      await stepTo(entry.at)
      const { command } = entry
      // A reset of every node begins a new run, as it does over the UI and the lab API.
      if (command.type === 'reset' && !command.node) await service.resetNetwork('scenario')
      else await service.execute(command, 'scenario')
    } catch (error) {
      throw new ScenarioError(index, entry, error instanceof Error ? error.message : String(error))
    }
  }
  await stepTo(scenario.until ?? 0)
  return service.query({ type: 'clock' })
}
