import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src/shared/content-security-policy'

const directives = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(' ')[0] as string, d] as const),
  )

describe('the content security policy', () => {
  it('is the same in the page (for file:// loads) as in the header, but for what a meta tag ignores', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBeDefined()
    const header = directives(CONTENT_SECURITY_POLICY)
    // frame-ancestors only works as a header.
    header.delete('frame-ancestors')
    expect(directives(meta as string)).toEqual(header)
  })

  it('allows no script but the app’s own', () => {
    expect(directives(CONTENT_SECURITY_POLICY).get('script-src')).toBe("script-src 'self'")
    expect(directives(CONTENT_SECURITY_POLICY).get('object-src')).toBe("object-src 'none'")
  })
})
