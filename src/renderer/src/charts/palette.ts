/** A colour per series index, readable in light and dark themes. */
const COLORS = [
  '#2563eb',
  '#d97706',
  '#059669',
  '#db2777',
  '#7c3aed',
  '#0891b2',
  '#65a30d',
  '#dc2626',
]

export function colorOf(index: number): string {
  return COLORS[index % COLORS.length] as string
}

export const STATUS_COLORS: Readonly<Record<string, string>> = {
  idle: 'var(--idle)',
  mining: 'var(--mining)',
  'broadcasting-block': 'var(--broadcasting)',
  'broadcasting-tx': 'var(--broadcasting-tx)',
  'receiving-block': 'var(--receiving)',
  'receiving-tx': 'var(--receiving-tx)',
}

/** The colour of a status's letter on a chip of the status's colour (status-letters.css). */
export const LETTER_COLORS: Readonly<Record<string, string>> = {
  idle: 'var(--on-idle)',
  mining: 'var(--on-mining)',
  'broadcasting-block': 'var(--on-broadcasting)',
  'broadcasting-tx': 'var(--on-broadcasting-tx)',
  'receiving-block': 'var(--on-receiving)',
  'receiving-tx': 'var(--on-receiving-tx)',
}
