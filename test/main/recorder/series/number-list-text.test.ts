import { describe, expect, it } from 'vitest'
import { NumberListText } from '../../../../src/main/recorder/series/number-list-text'

describe('a list of numbers written as JSON writes it', () => {
  it('whole numbers of any size and sign, and anything else as JSON has it', () => {
    const values = [0, 5, -1, 9, 10, -10, 99, 100, 12345, -98765, 2 ** 31, -(2 ** 40), 2 ** 53 - 1]
    values.push(0.5, -1.25, 1e21, 2 ** 60, Number.NaN, Number.POSITIVE_INFINITY)
    let x = 1
    for (let i = 0; i < 20_000; i++) {
      x = (x * 48_271) % 2_147_483_647
      values.push(Math.round((x / 2_147_483_647 - 0.3) * 10 ** (i % 12)))
    }
    const list = new NumberListText()
    for (const value of values) list.push(value)
    expect(`[${list.text()}]`).toBe(JSON.stringify(values))
  })

  it('nothing written is the empty list', () => {
    expect(new NumberListText().text()).toBe('')
  })
})
