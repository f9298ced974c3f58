import { describe, expect, it } from 'vitest'
import { parseLabArgs } from '../../../src/main/headless/cli-args'
import { LAB_LIMITS } from '../../../src/shared/limits'

const lab = (...args: string[]) => parseLabArgs(['--db', ':memory:', ...args])

describe('the lab command line', () => {
  it("holds a network to the lab API's own limits, naming the flag", () => {
    expect(() => lab('--difficulty', String(LAB_LIMITS.difficulty + 1))).toThrow(/--difficulty/)
    expect(() => lab('--nodes', String(LAB_LIMITS.nodes + 1))).toThrow(/--nodes/)
    expect(() => lab('--latency', String(LAB_LIMITS.latency + 1))).toThrow(/--latency/)
  })

  it('takes the limits themselves', () => {
    const options = lab('--difficulty', String(LAB_LIMITS.difficulty), '--nodes', '12')
    expect(options !== 'help' && options.network.difficulty).toBe(LAB_LIMITS.difficulty)
  })
})
