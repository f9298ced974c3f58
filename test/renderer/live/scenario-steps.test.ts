import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { SequencedEvent } from '../../../src/core/events'
import { hostFactory } from '../../../src/main/host/create-host'
import { LabService } from '../../../src/main/lab/lab-service'
import { playScenario } from '../../../src/main/lab/scenario-player'
import {
  chaptersOf,
  openScenario,
  playChapter,
} from '../../../src/renderer/src/live/scenario-steps'
import { createHttpClient } from '../../../src/renderer/src/transport/http-client'
import { configFromSettings } from '../../../src/shared/network-settings'
import { scenarioSchema, type Scenario } from '../../../src/shared/scenario'
import { startTestLab, type TestLab } from '../../support/lab'

const read = (file: string): Scenario =>
  scenarioSchema.parse(JSON.parse(readFileSync(`scenarios/${file}`, 'utf8')))

/** Events without their place in a stream: two streams of one story compare equal. */
const story = (events: readonly SequencedEvent[]) => events.map(({ seq: _, ...e }) => e)

/** The scenario as the command line plays it (npm run lab -- --scenario FILE): its events. */
async function playedByTheCommandLine(scenario: Scenario): Promise<SequencedEvent[]> {
  const service = await LabService.create(configFromSettings(scenario.network), {
    createHost: hostFactory(0),
  })
  const events: SequencedEvent[] = []
  service.onCommand((record) => void events.push(...record.events))
  try {
    await playScenario(service, scenario)
    return events
  } finally {
    await service.close()
  }
}

describe("a scenario played from the UI, chapter by chapter over the lab's API", () => {
  let lab: TestLab | null = null
  afterEach(async () => {
    await lab?.close()
    lab = null
  })

  it('cuts a scenario where its commands are: each chapter runs to the next one’s clock', () => {
    const chapters = chaptersOf(read('selfish-mining.json'))
    expect(
      chapters.map((c) => `${c.at}→${c.until}: ${c.commands.map((x) => x.type).join(',')}`),
    ).toEqual([
      '0→6: start,mine',
      '6→16: mine',
      '16→24: mine',
      '24→30: mine',
      '30→36: mine',
      '36→50: mine',
    ])
  })

  for (const file of ['selfish-mining.json', 'double-spend.json', 'eclipse.json'])
    it(`plays ${file} as the command line does: the same events, whatever network ran before`, async () => {
      const scenario = read(file)
      // A network unlike the scenario's, mining on its own: none of it may leak into the story.
      lab = await startTestLab({ nodes: 5, latency: 2, autoMine: { interval: 5, hashPower: null } })
      const events: SequencedEvent[] = []
      lab.app.service.onCommand((record) => void events.push(...record.events))
      const client = createHttpClient(lab.app.labUrl)
      const opened = await openScenario(client, scenario)
      expect(opened.attack?.kind).toBe(scenario.network.attack?.kind)
      expect(opened.autoMine).toBeNull()
      events.length = 0
      let clock = opened.clock
      for (const chapter of chaptersOf(scenario))
        clock = await playChapter(client, chapter, clock, () => {})
      expect(clock).toBe(scenario.until)
      expect(story(events)).toEqual(story(await playedByTheCommandLine(scenario)))
      expect(events.some((e) => e.kind === 'attack.published')).toBe(true)
    })
})
