import { describe, expect, it } from 'vitest'
import { pythonJson } from '../../../../src/main/http/node-api/python-json'

// The expected texts are what Python 3's `json.dumps(value)` prints with its defaults.
describe("JSON as Python's json.dumps writes it", () => {
  it.each([
    [{ clock: 0, status: 1 }, '{"clock": 0, "status": 1}'],
    [[], '[]'],
    [{}, '{}'],
    [
      [{ sender: null, recipient: 'aki', value: 10 }],
      '[{"sender": null, "recipient": "aki", "value": 10}]',
    ],
    [
      [
        ['127.0.0.1', 50083],
        ['127.0.0.1', 50084],
      ],
      '[["127.0.0.1", 50083], ["127.0.0.1", 50084]]',
    ],
    [
      { ok: true, no: false, nested: { list: [1, [2, []]] } },
      '{"ok": true, "no": false, "nested": {"list": [1, [2, []]]}}',
    ],
    [-12, '-12'],
    [9007199254740991, '9007199254740991'],
  ])('%j', (value, python) => {
    expect(pythonJson(value)).toBe(python)
  })

  it('keeps keys in insertion order', () => {
    expect(pythonJson({ value: 3, recipient: 'so', sender: 'aki' })).toBe(
      '{"value": 3, "recipient": "so", "sender": "aki"}',
    )
  })

  it('escapes quotes, backslashes, control characters and everything beyond ASCII', () => {
    expect(pythonJson('a"b\\c/d\n\r\t\b\f\u0001\u007f')).toBe(
      '"a\\"b\\\\c/d\\n\\r\\t\\b\\f\\u0001\\u007f"',
    )
    expect(pythonJson('秋 é 😀')).toBe('"\\u79cb \\u00e9 \\ud83d\\ude00"')
  })

  it('leaves out undefined fields, as JSON.stringify does', () => {
    expect(pythonJson({ a: 1, b: undefined })).toBe('{"a": 1}')
  })
})
