import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)

/** `npm run experiment -- ARGS` through tsx, as the npm script runs it. */
const experiment = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/main/headless/experiment-cli.ts', ...args])

describe('npm run experiment -- --attack eclipse', () => {
  it('runs seeded eclipse trials and the same attacker without the eclipse, as JSON', async () => {
    const { stdout } = await experiment([
      ...['--nodes', '6', '--topology', 'mesh', '--interval', '40', '--difficulty', '1'],
      ...['--attack', 'eclipse', '--attacker-power', '0.3', '--confirmations', '1'],
      ...['--trials', '12', '--json'],
    ])
    const { attack } = JSON.parse(stdout) as { attack: Record<string, unknown> }
    expect(attack).toMatchObject({
      kind: 'eclipse',
      attackerPower: 0.3,
      victimPower: expect.closeTo(0.7 / 5, 9) as number,
      confirmations: 1,
      trials: 12,
    })
    expect(attack['withoutEclipse']).toMatchObject({ predicted: expect.closeTo(0.3086, 4) })
  }, 120_000)

  it('refuses --trials for an attack that has none', async () => {
    const failed = await experiment(['--attack', 'selfish', '--trials', '5']).catch(
      (e: { stderr: string }) => e,
    )
    expect((failed as { stderr: string }).stderr).toContain(
      '--trials goes with --attack double-spend or eclipse',
    )
  }, 60_000)
})
