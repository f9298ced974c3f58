import { chromium, type Browser } from 'playwright-core'

/**
 * Debian's Chromium, headless. playwright-core never downloads a browser; CI installs the
 * `chromium` package. The flags keep it from reaching for the network this machine lacks.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
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
