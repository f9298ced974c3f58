import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import postcss, { type AtRule } from 'postcss'

export type Theme = 'light' | 'dark'
export const THEMES: readonly Theme[] = ['light', 'dark']

/**
 * The custom properties the app's style sheets set on :root, per theme: the dark theme's are the
 * light ones overridden by those under `prefers-color-scheme: dark`, as the browser applies them.
 * Read from the sheets themselves, so a colour changed there is the colour measured here.
 */
export function themeVariables(files: readonly string[]): Record<Theme, Map<string, string>> {
  const light = new Map<string, string>()
  const dark = new Map<string, string>()
  for (const file of files)
    postcss.parse(readFileSync(file, 'utf8')).walkDecls(/^--/, (decl) => {
      const rule = decl.parent
      if (rule?.type !== 'rule' || !('selector' in rule) || rule.selector !== ':root') return
      const media = rule.parent as AtRule | undefined
      const isDark =
        media?.type === 'atrule' && /prefers-color-scheme:\s*dark/.test(media.params ?? '')
      ;(isDark ? dark : light).set(decl.prop, decl.value.trim())
    })
  return { light, dark: new Map([...light, ...dark]) }
}

/** A colour as the theme resolves it: `var(--name)` (with a fallback or not) or a colour. */
export function resolveColor(value: string, variables: ReadonlyMap<string, string>): string {
  const m = /^var\(\s*(--[\w-]+)\s*(?:,\s*(.+))?\)$/.exec(value.trim())
  if (!m) return value.trim()
  const found = variables.get(m[1]!) ?? m[2]
  if (found === undefined) throw new Error(`no ${m[1]} in the style sheets`)
  return resolveColor(found, variables)
}

interface AxeColor {
  parseString(color: string): void
}
interface AxeColors {
  Color: new () => AxeColor
  getContrast(background: AxeColor, foreground: AxeColor): number
}
const axeColors = (createRequire(import.meta.url)('axe-core') as { commons: { color: AxeColors } })
  .commons.color

/** The WCAG contrast ratio of two opaque colours, by axe-core's own reckoning (1 to 21). */
export function contrast(foreground: string, background: string): number {
  const parse = (color: string) => {
    const parsed = new axeColors.Color()
    parsed.parseString(color)
    return parsed
  }
  return axeColors.getContrast(parse(background), parse(foreground))
}

/** The app's sheet and the per-feature sheets named, from the repository's root. */
export function sheets(...features: readonly string[]): string[] {
  return ['src/renderer/src/styles.css', ...features.map((f) => `src/renderer/src/${f}`)]
}
