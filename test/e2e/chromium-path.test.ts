import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { chromiumPath } from '../support/browser'

describe('the Chromium the browser tests drive', () => {
  it('is CHROMIUM_PATH when set', async () => {
    expect(await chromiumPath({ CHROMIUM_PATH: '/opt/chrome/chrome' }, () => true)).toBe(
      '/opt/chrome/chrome',
    )
  })

  it("is Debian's when installed", async () => {
    expect(await chromiumPath({}, (path) => path === '/usr/bin/chromium')).toBe('/usr/bin/chromium')
  })

  it('is the one @sparticuz/chromium ships on a machine with neither', async () => {
    const path = await chromiumPath({}, () => false)
    expect(path).not.toBe('/usr/bin/chromium')
    expect(existsSync(path)).toBe(true)
  }, 60_000)
})
