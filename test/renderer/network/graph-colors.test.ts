import { describe, expect, it } from 'vitest'
import { HOVER_LABEL, LABEL_VAR, LINK_VARS } from '../../../src/renderer/src/network/graph-palette'
import { contrast, resolveColor, sheets, THEMES, themeVariables } from '../../support/theme-colors'

const variables = themeVariables(sheets('network/graph-colors.css'))
/** The graph is drawn on a card (`.card`, whose background is --card), in the live view and replay. */
const background = (theme: (typeof THEMES)[number]) => resolveColor('var(--card)', variables[theme])

describe("the graph's colours (WCAG AA in both themes)", () => {
  for (const theme of THEMES) {
    it(`draws links up, cut and busy at 3:1 or more against the card, in the ${theme} theme`, () => {
      for (const [state, [name]] of Object.entries(LINK_VARS)) {
        const color = resolveColor(`var(${name})`, variables[theme])
        expect
          .soft(contrast(color, background(theme)), `${state} link ${color}`)
          .toBeGreaterThanOrEqual(3)
      }
    })

    it(`writes the labels beside the nodes at 4.5:1 or more, in the ${theme} theme`, () => {
      const label = resolveColor(`var(${LABEL_VAR[0]})`, variables[theme])
      expect(contrast(label, background(theme))).toBeGreaterThanOrEqual(4.5)
    })
  }

  it("writes a hovered or selected node's label at 4.5:1 or more in sigma's white box", () => {
    expect(contrast(HOVER_LABEL.color, HOVER_LABEL.box)).toBeGreaterThanOrEqual(4.5)
  })

  it("falls back on the light theme's colours where a sheet lacks one", () => {
    for (const [name, fallback] of [...Object.values(LINK_VARS), LABEL_VAR])
      expect(fallback, name).toBe(variables.light.get(name))
  })
})
