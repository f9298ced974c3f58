import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Command } from '../../src/core/command-types'
import { describeIssues } from '../../src/shared/errors'
import { scenarioEntries, scenarioSchema } from '../../src/shared/scenario'

const tx = { sender: 'aki', recipient: 'so', value: 1 }

describe('a scenario', () => {
  it('is a network and commands in the engine’s words, each with the clock it takes effect at', () => {
    const scenario = scenarioSchema.parse({
      commands: [
        { at: 0, command: { type: 'start' } },
        { at: 0, command: { type: 'submit-tx', node: 'node1', tx } },
        { at: 4, command: { type: 'mine', node: 'node1' } },
      ],
      until: 10,
    })
    expect(scenario.network).toEqual({})
    expect(scenario.commands.map((e) => [e.at, e.command.type])).toEqual([
      [0, 'start'],
      [0, 'submit-tx'],
      [4, 'mine'],
    ])
  })

  it('refuses a command the live API would refuse, naming the entry', () => {
    const parsed = scenarioSchema.safeParse({
      commands: [
        { at: 0, command: { type: 'start' } },
        { at: 1, command: { type: 'step', clocks: 10_000_000 } },
      ],
    })
    expect(parsed.success).toBe(false)
    if (!parsed.success)
      expect(describeIssues(parsed.error)).toMatch(/^commands\.1\.command\.clocks/)
  })

  it('is written from a run’s commands, its network steps implied by the next entry’s clock', () => {
    const mine: Command = { type: 'mine', node: 'node1' }
    expect(
      scenarioEntries([
        { command: { type: 'start' }, clock: 0 },
        { command: { type: 'step', clocks: 4 }, clock: 0 },
        { command: mine, clock: 4 },
      ]),
    ).toEqual([
      { at: 0, command: { type: 'start' } },
      { at: 4, command: mine },
    ])
  })
})

describe('a scenario file in the older form (entries with `do`)', () => {
  it('is still read, each entry as the command it stood for', () => {
    const older: [Record<string, unknown>, Command][] = [
      [{ do: 'start' }, { type: 'start' }],
      [
        { do: 'start', node: 'node2' },
        { type: 'start', node: 'node2' },
      ],
      [{ do: 'reset' }, { type: 'reset' }],
      [
        { do: 'restart', node: 'node1' },
        { type: 'restart', node: 'node1' },
      ],
      [
        { do: 'mine', node: 'node1' },
        { type: 'mine', node: 'node1' },
      ],
      [
        { do: 'tx', node: 'node1', ...tx },
        { type: 'submit-tx', node: 'node1', tx },
      ],
      [
        { do: 'step', clocks: 3 },
        { type: 'step', clocks: 3 },
      ],
      [
        { do: 'clock', node: 'node1', clock: 7 },
        { type: 'step-node', node: 'node1', clock: 7 },
      ],
      [
        { do: 'cut', a: 'node1', b: 'node2' },
        { type: 'cut-link', a: 'node1', b: 'node2' },
      ],
      [
        { do: 'heal', a: 'node1', b: 'node2' },
        { type: 'heal-link', a: 'node1', b: 'node2' },
      ],
      [
        { do: 'link', a: 'node1', b: 'node3' },
        { type: 'add-link', a: 'node1', b: 'node3' },
      ],
      [
        { do: 'unlink', a: 'node1', b: 'node3' },
        { type: 'remove-link', a: 'node1', b: 'node3' },
      ],
      [
        { do: 'clear-peers', node: 'node3' },
        { type: 'clear-peers', node: 'node3' },
      ],
      [
        { do: 'auto-mine', interval: 20 },
        { type: 'set-auto-mine', interval: 20 },
      ],
      [
        { do: 'workload', rate: null },
        { type: 'set-workload', rate: null },
      ],
    ]
    const scenario = scenarioSchema.parse({
      commands: older.map(([entry], at) => ({ at, ...entry })),
    })
    expect(scenario.commands).toEqual(older.map(([, command], at) => ({ at, command })))
  })

  it('plays as the same scenario as the file in today’s form', () => {
    const today: unknown = JSON.parse(readFileSync('scenarios/spec-timeline.json', 'utf8'))
    const older = {
      ...(today as object),
      commands: [
        { at: 0, do: 'start' },
        { at: 0, do: 'tx', node: 'node1', ...tx },
        { at: 4, do: 'mine', node: 'node1' },
      ],
    }
    expect(scenarioSchema.parse(older)).toEqual(scenarioSchema.parse(today))
  })

  it('names a word it does not know, in the entry it stands in', () => {
    const parsed = scenarioSchema.safeParse({ commands: [{ at: 1, do: 'fly', node: 'node1' }] })
    expect(parsed.success).toBe(false)
    if (!parsed.success) expect(describeIssues(parsed.error)).toMatch(/^commands\.0\.do: /)
  })
})
