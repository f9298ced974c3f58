import type { ErrorCode } from '../../src/shared/errors'

/** The calls of echo-worker.ts. */
export type EchoCalls = {
  echo: { input: string; output: string }
  later: { input: string; output: string }
  refuse: { input: ErrorCode; output: never }
  fail: { input: null; output: never }
  die: { input: null; output: never }
}
