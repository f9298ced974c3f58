import { describe, expect, it } from 'vitest'
import { READY_KEPT_CHARS, ReadyAnswers } from '../../../../src/main/recorder/replay/ready-answers'

const answer = (
  runId: number,
  clock: number,
  chainsOf: string | undefined,
  full = `{"clock":${clock}}`,
) => ({
  runId,
  clock,
  chainsOf,
  texts: { links: 'a'.repeat(40), full, lean: `{"clock":${clock},"samePeers":true}` },
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

  it('gives the answer without peers to a caller holding the same links, and the whole one to any other', () => {
    const ready = new ReadyAnswers()
    ready.add(answer(1, 5, 'node1'))
    expect(ready.get(1, 5, 'node1', 'a'.repeat(40))).toBe('{"clock":5,"samePeers":true}')
    expect(ready.get(1, 5, 'node1', 'b'.repeat(40))).toBe('{"clock":5}')
    expect(ready.get(1, 5, 'node1')).toBe('{"clock":5}')
  })

  it('holds at most READY_KEPT_CHARS characters, the answers told of longest ago dropped first', () => {
    const ready = new ReadyAnswers()
    // Both forms counted: the whole answer and the short one without peers.
    const big = (clock: number) => answer(1, clock, 'node1', 'x'.repeat(READY_KEPT_CHARS / 3 - 40))
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
