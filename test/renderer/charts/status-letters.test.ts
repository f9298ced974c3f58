import { describe, expect, it } from 'vitest'
import { NODE_STATUSES } from '../../../src/shared/engine-terms'
import { LETTER_COLORS, STATUS_COLORS } from '../../../src/renderer/src/charts/palette'
import { contrast, resolveColor, sheets, THEMES, themeVariables } from '../../support/theme-colors'

const variables = themeVariables(sheets('charts/status-letters.css'))

describe("the status timeline's letters (WCAG AA in both themes)", () => {
  for (const theme of THEMES)
    it(`writes each status's letter at 4.5:1 or more on its chip, in the ${theme} theme`, () => {
      for (const status of NODE_STATUSES) {
        const letter = resolveColor(LETTER_COLORS[status]!, variables[theme])
        const chip = resolveColor(STATUS_COLORS[status]!, variables[theme])
        expect
          .soft(contrast(letter, chip), `${status}: ${letter} on ${chip}`)
          .toBeGreaterThanOrEqual(4.5)
      }
    })
})
