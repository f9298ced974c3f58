import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { EngineError } from '../../src/core/errors'
import {
  LabError,
  STATUS_OF,
  fromErrorData,
  parseInput,
  toErrorData,
} from '../../src/shared/errors'

describe('the error model', () => {
  it('gives every code one HTTP status', () => {
    expect(STATUS_OF['invalid-body']).toBe(400)
    expect(STATUS_OF['unknown-run']).toBe(404)
    expect(STATUS_OF['not-started']).toBe(409)
    expect(STATUS_OF['desktop-only']).toBe(501)
    expect(STATUS_OF.internal).toBe(500)
  })

  it('refuses an unknown code at compile time', () => {
    // @ts-expect-error 'no-such-code' is not in the table
    const error = new LabError('no-such-code', 'a typo')
    expect(error.code).toBe('no-such-code')
  })

  it("answers the lab's and the engine's errors with their code and message", () => {
    expect(toErrorData(new LabError('cancelled', 'stopped'))).toEqual({
      code: 'cancelled',
      message: 'stopped',
    })
    expect(toErrorData(new EngineError('unknown-node', 'no node9'))).toEqual({
      code: 'unknown-node',
      message: 'no node9',
    })
  })

  it('answers a failed validation as invalid-body, naming the field', () => {
    const schema = z.object({ clocks: z.number() })
    expect(() => parseInput(schema, { clocks: 'x' })).toThrow(LabError)
    let thrown: unknown
    try {
      parseInput(schema, { clocks: 'x' })
    } catch (error) {
      thrown = error
    }
    expect(toErrorData(thrown)).toMatchObject({ code: 'invalid-body', message: /^clocks: / })
  })

  it('answers anything else as internal, leaking nothing', () => {
    const log = console.error
    console.error = () => {}
    try {
      expect(toErrorData(new Error('secret path /home/x'))).toEqual({
        code: 'internal',
        message: 'internal error',
      })
    } finally {
      console.error = log
    }
  })

  it('rebuilds an error from its data; a code it does not know is internal', () => {
    const rebuilt = fromErrorData({ code: 'run-is-live', message: 'run 3 is recording' })
    expect(rebuilt).toBeInstanceOf(LabError)
    expect(rebuilt).toMatchObject({ code: 'run-is-live', message: 'run 3 is recording' })
    expect(fromErrorData({ code: 'http', message: 'Bad Gateway' })).toMatchObject({
      code: 'internal',
      message: 'Bad Gateway',
    })
  })
})
