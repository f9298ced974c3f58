import { describe, expect, it } from 'vitest'
import { READY_KEPT_CHARS, ReadyAnswers } from '../../../../src/main/recorder/replay/ready-answers'

const answer = (
  runId: number,
  clock: number,
  chainsOf: string | undefined,
  json = `{"clock":${clock}}`,
) => ({
  runId,
  clock,
  chainsOf,
  json,
})

describe("the lab thread's ready answers", () => {
  it('gives an answer told of for its run, clock and node only', () => {
    const ready = new ReadyAnswers()
    ready.add(answer(1, 5, 'node1'))
    ready.add(answer(1, 6, undefined))
    expect(ready.get(1, 5, 'node1')).toBe('{"clock":5}')
    expect(ready.get(1, 6, undefined)).toBe('{"clock":6}')
    expect(ready.get(1, 5, 'node2')).toBeUndefined()
    expect(ready.get(1, 5, undefined)).toBeUndefined()
    expect(ready.get(2, 5, 'node1')).toBeUndefined()
    expect(ready.get(1, 6, 'node1')).toBeUndefined()
  })

  it('holds at most READY_KEPT_CHARS characters, the answers told of longest ago dropped first', () => {
    const ready = new ReadyAnswers()
    const big = (clock: number) => answer(1, clock, 'node1', 'x'.repeat(READY_KEPT_CHARS / 3))
    for (const clock of [1, 2, 3]) ready.add(big(clock))
    expect(ready.size).toBe(3)
    // Told again: most recent again, and counted once.
    ready.add(big(1))
    ready.add(big(4))
    expect(ready.size).toBe(3)
    expect(ready.get(1, 2, 'node1')).toBeUndefined()
    for (const clock of [1, 3, 4]) expect(ready.get(1, clock, 'node1')).toBeDefined()
  })

  it("forgets a deleted run's answers, and no other run's", () => {
    const ready = new ReadyAnswers()
    ready.add(answer(1, 5, 'node1'))
    ready.add(answer(12, 5, 'node1'))
    ready.forget(1)
    expect(ready.get(1, 5, 'node1')).toBeUndefined()
    expect(ready.get(12, 5, 'node1')).toBe('{"clock":5}')
  })
})
