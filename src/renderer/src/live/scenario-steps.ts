import type { NetworkInfo } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'
import { settingsFromDefaults } from '../../../shared/network-settings'
import type { Scenario, ScenarioEntry } from '../../../shared/scenario'

type Command = ScenarioEntry['command']

/** One stretch of a scenario: its commands of one clock, then the clocks up to the next one's. */
export interface Chapter {
  readonly at: number
  readonly commands: readonly Command[]
  /** The clock the chapter ends at: the next chapter's, or the scenario's `until`. */
  readonly until: number
}

/**
 * A scenario cut where its commands are: each chapter applies the commands of one clock and steps
 * on to the next's, as `npm run lab -- --scenario` plays it (src/main/lab/scenario-player.ts).
 */
export function chaptersOf(scenario: Scenario): Chapter[] {
  const groups: { at: number; commands: Command[] }[] = []
  for (const { at, command } of scenario.commands) {
    const last = groups[groups.length - 1]
    if (last && last.at === at) last.commands.push(command)
    else groups.push({ at, commands: [command] })
  }
  return groups.map((g, i) => ({
    ...g,
    until: Math.max(g.at, groups[i + 1]?.at ?? scenario.until ?? g.at),
  }))
}

/** A command the UI's client can send, sent; the answer's network when it has one. */
async function send(client: LabClient, command: Command): Promise<NetworkInfo | null> {
  switch (command.type) {
    case 'start':
      if (!command.node) return client.start({})
      break
    case 'reset':
      if (!command.node) return client.reset({})
      break
    case 'mine':
      await client.mine({ node: command.node })
      return null
    case 'submit-tx': {
      const result = await client.sendTransaction({ node: command.node, ...command.tx })
      if (result.result === 'fail')
        throw new Error(`${command.node} refused the transfer: ${result.reason}`)
      return null
    }
    case 'step':
      return client.step({ clocks: command.clocks })
    case 'cut-link':
      return client.cutLink({ a: command.a, b: command.b })
    case 'heal-link':
      return client.healLink({ a: command.a, b: command.b })
    case 'set-auto-mine':
      return client.setAutoMine({ interval: command.interval })
    case 'set-workload':
      return client.setWorkload({ rate: command.rate })
    default:
      break
  }
  throw new Error(`"${command.type}" cannot be played from the UI: use npm run lab -- --scenario`)
}

/**
 * Plays one chapter on the live network from `clock`: steps every node together up to its clock,
 * sends its commands in order, and steps on to its end. Every call is an ordinary lab command, so
 * the run records it and a replay shows it again. `accept` gets each network answer at once.
 */
export async function playChapter(
  client: LabClient,
  chapter: Chapter,
  clock: number,
  accept: (info: NetworkInfo) => void,
): Promise<number> {
  const stepTo = async (to: number) => {
    if (to <= clock) return
    const info = await client.step({ clocks: to - clock })
    accept(info)
    clock = info.clock
  }
  await stepTo(chapter.at)
  for (const command of chapter.commands) {
    const info = await send(client, command)
    if (info) {
      accept(info)
      clock = info.clock
    }
  }
  await stepTo(chapter.until)
  return clock
}

/**
 * Replaces the live network with the scenario's (the current run stays saved) and names the new
 * run after the scenario, as the command line does. Answers the new network.
 */
export async function openScenario(client: LabClient, scenario: Scenario): Promise<NetworkInfo> {
  const info = await client.createNetwork({
    ...settingsFromDefaults(scenario.network),
    ...(scenario.network.dialect ? { dialect: scenario.network.dialect } : {}),
  })
  // A new network's answer does not say which run records it.
  const recording = await client.getRecording({})
  const runId = recording.state === 'recording' ? recording.runId : null
  if (runId !== null && scenario.name)
    await client.updateRun({ id: runId, name: scenario.name, notes: scenario.description ?? '' })
  // A scenario that does not start its nodes itself is played started, as the command line does.
  if (!scenario.commands.some((e) => e.command.type === 'start')) return client.start({})
  return info
}
