import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

const DEBIAN_CHROMIUM = '/usr/bin/chromium'

/**
 * Which Chromium drives the browser tests: CHROMIUM_PATH when set, else Debian's, else the one
 * the npm package @sparticuz/chromium ships (unpacked once into the temporary folder), so that
 * `npm install && npm test` needs nothing from apt. playwright-core never downloads a browser.
 */
export async function chromiumPath(
  env: Readonly<Record<string, string | undefined>> = process.env,
  exists: (path: string) => boolean = existsSync,
): Promise<string> {
  const chosen = env['CHROMIUM_PATH']
  if (chosen) return chosen
  if (exists(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM
  const { default: packaged } = await import('@sparticuz/chromium')
  return packaged.executablePath()
}

/** Chromium, headless. The flags keep it from reaching for the network this machine lacks. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}
