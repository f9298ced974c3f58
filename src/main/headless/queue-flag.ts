import {
  parseQueueUrl,
  PASSWORD_VARIABLE,
  QueueUrlError,
  type QueueTarget,
} from '../experiment/queue/queue-url'
import { CliError } from './cli-flags'

/**
 * The `--queue URL` flag of both queue CLIs: a password left out of the URL comes from
 * PASSWORD_VARIABLE (a command line shows in the process list); a bad URL is a one-line error.
 */
export function queueFlag(url: string): QueueTarget {
  try {
    return parseQueueUrl(url, process.env[PASSWORD_VARIABLE])
  } catch (error) {
    if (error instanceof QueueUrlError) throw new CliError(`--queue: ${error.message}`)
    throw error
  }
}
