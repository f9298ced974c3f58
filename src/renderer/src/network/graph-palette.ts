import { NODE_STATUSES, type NodeStatus } from '../../../shared/engine-terms'
import type { GraphPalette } from './graph-model'
import './graph-colors.css'

/** The CSS variable each colour of the graph is read from, and the light theme's, should it lack. */
export const STATUS_VARS: Readonly<Record<NodeStatus, readonly [string, string]>> = {
  idle: ['--idle', '#9aa1ad'],
  mining: ['--mining', '#d97706'],
  'broadcasting-block': ['--broadcasting', '#2563eb'],
  'broadcasting-tx': ['--broadcasting-tx', '#60a5fa'],
  'receiving-block': ['--receiving', '#059669'],
  'receiving-tx': ['--receiving-tx', '#34d399'],
}
export const LINK_VARS = {
  up: ['--link', '#64748b'],
  cut: ['--link-cut', '#dc2626'],
  busy: ['--link-busy', '#2563eb'],
} as const
/** The labels beside the nodes are text on the card: the theme's text colour. */
export const LABEL_VAR = ['--fg', '#1f2430'] as const
/**
 * A hovered or selected node's label sits in the white box sigma draws behind it, whatever the
 * theme: always dark text there.
 */
export const HOVER_LABEL = { color: '#111827', box: '#ffffff' } as const

function reader(element: Element) {
  const style = getComputedStyle(element)
  return ([name, fallback]: readonly [string, string]) =>
    style.getPropertyValue(name).trim() || fallback
}

/** The graph's colours in the theme `element` is shown in. */
export function readPalette(element: Element): GraphPalette {
  const read = reader(element)
  const palette = {} as Record<NodeStatus, string>
  for (const status of NODE_STATUSES) palette[status] = read(STATUS_VARS[status])
  return {
    ...palette,
    links: { up: read(LINK_VARS.up), cut: read(LINK_VARS.cut), busy: read(LINK_VARS.busy) },
  }
}

/** The colour of the labels beside the nodes, in the theme `element` is shown in. */
export function readLabelColor(element: Element): string {
  return reader(element)(LABEL_VAR)
}
