import { parseArgs, type ParseArgsOptionsConfig } from 'node:util'
import { LabError } from '../../shared/errors'

/** A bad flag: the message names it, for a one-line error. */
export class CliError extends LabError {
  override readonly name = 'CliError'
  constructor(message: string) {
    super('invalid-argument', message)
  }
}

/**
 * A CLI's flags, read strictly by node:util's parseArgs: an unknown flag, a missing value or a
 * positional argument is a CliError in parseArgs's own first line ("Unknown option '--x'").
 */
export function readFlags<const O extends ParseArgsOptionsConfig>(
  argv: readonly string[],
  options: O,
) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values
  } catch (error) {
    throw new CliError(
      error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
    )
  }
}

/** What a number flag may be: an integer unless `integer` is false, from `min` to `max`. */
export interface NumberRange {
  readonly min: number
  readonly max?: number
  readonly integer?: boolean
}

/** A number flag's value, held to its range; undefined when the flag was not given. */
export function numberFlag(
  flag: string,
  text: string | undefined,
  { min, max = Infinity, integer = true }: NumberRange,
): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  const isNumber = integer
    ? /^-?\d+$/.test(text) && Number.isSafeInteger(value)
    : text.trim() !== '' && Number.isFinite(value)
  if (!isNumber || value < min || value > max) {
    const kind = integer ? 'an integer' : 'a number'
    const range = max === Infinity ? `≥ ${min}` : `from ${min} to ${max}`
    throw new CliError(`--${flag} must be ${kind} ${range}, not "${text}"`)
  }
  return value
}
