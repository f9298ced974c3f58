/**
 * JSON as Python's `json.dumps` writes it with its defaults, which is what the earlier node
 * servers sent and what their test scripts compare byte for byte: `", "` and `": "` between
 * items, keys in insertion order, and every character outside printable ASCII escaped
 * (`ensure_ascii`), as `\uXXXX` in lower-case hex.
 */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      return pythonNumber(value)
    case 'string':
      return pythonString(value)
    case 'object':
      if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`
      return `{${Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => `${pythonString(key)}: ${pythonJson(item)}`)
        .join(', ')}}`
    default:
      throw new TypeError(`pythonJson: cannot write a ${typeof value}`)
  }
}

function pythonNumber(value: number): string {
  // Python writes its ints in full; the wire only carries safe integers, and anything else
  // (a float, which the node API never sends) keeps JavaScript's shortest form.
  if (Number.isSafeInteger(value)) return String(value)
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN'
  return JSON.stringify(value)
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
}

// Python's ESCAPE_ASCII: a quote, a backslash, or anything outside space..tilde (DEL included).
// JavaScript strings are UTF-16, so a character beyond the BMP is already the surrogate pair
// that Python writes.
const NEEDS_ESCAPE = /["\\]|[^ -~]/g

function pythonString(text: string): string {
  const escaped = text.replace(
    NEEDS_ESCAPE,
    (char) => SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
  return `"${escaped}"`
}
