// A worker thread for the worker protocol's tests: answers, refuses, fails and dies on request.
import { parentPort } from 'node:worker_threads'
import { EngineError } from '../../src/core/errors'
import { LabError } from '../../src/shared/errors'
import { serveCalls } from '../../src/main/workers/worker-protocol'
import type { EchoCalls } from './echo-calls'

serveCalls<EchoCalls>(parentPort!, {
  echo: (text) => text,
  later: async (text) => {
    await new Promise((resolve) => setTimeout(resolve, 20))
    return text
  },
  refuse: (code) => {
    if (code === 'not-started') throw new EngineError(code, 'start first')
    throw new LabError(code, `refused: ${code}`)
  },
  fail: () => {
    throw new TypeError('a bug')
  },
  die: () => process.exit(3),
})
