import { describe, expect, it } from 'vitest'
import { CliError, numberFlag, readFlags } from '../../../src/main/headless/cli-flags'

describe("a command line's flags", () => {
  const options = { nodes: { type: 'string' }, json: { type: 'boolean' } } as const

  it('are read by name, a boolean flag without a value', () => {
    expect(readFlags(['--nodes', '4', '--json'], options)).toEqual({ nodes: '4', json: true })
    expect(readFlags([], options)).toEqual({})
  })

  it.each([
    [['--colour', 'blue'], "Unknown option '--colour'"],
    [['--nodes'], "Option '--nodes <value>' argument missing"],
    [['stray'], "Unexpected argument 'stray'"],
  ])('refuse %j in one line naming it', (argv, message) => {
    const read = () => readFlags(argv, options)
    expect(read).toThrow(CliError)
    expect(read).toThrow(message)
    try {
      read()
    } catch (error) {
      expect((error as Error).message).not.toContain('\n')
    }
  })
})

describe('a number flag', () => {
  it('is its value within its range, or undefined when not given', () => {
    expect(numberFlag('nodes', '12', { min: 1, max: 100 })).toBe(12)
    expect(numberFlag('seed', '-5', { min: -10 })).toBe(-5)
    expect(numberFlag('tx-rate', '0.25', { min: 0, integer: false })).toBe(0.25)
    expect(numberFlag('nodes', undefined, { min: 1 })).toBeUndefined()
  })

  it.each([
    ['nodes', 'many', { min: 1, max: 100 }, '--nodes must be an integer from 1 to 100, not "many"'],
    ['nodes', '1.5', { min: 1, max: 100 }, '--nodes must be an integer from 1 to 100'],
    ['nodes', '101', { min: 1, max: 100 }, '--nodes must be an integer from 1 to 100'],
    ['clocks', '0', { min: 1 }, '--clocks must be an integer ≥ 1, not "0"'],
    ['tx-rate', '', { min: 0, integer: false }, '--tx-rate must be a number ≥ 0'],
    ['tx-rate', '-1', { min: 0, integer: false }, '--tx-rate must be a number ≥ 0'],
  ])('--%s %j is refused, naming the flag and its range', (flag, text, range, message) => {
    expect(() => numberFlag(flag, text, range)).toThrow(message)
  })
})
