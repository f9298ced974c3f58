import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { launchChromium } from '../support/browser'
import { freeLabPorts, labReady, spawnLab } from '../support/lab-process'

/**
 * Runs `measure` against a lab of its own (recording to a temporary file) and a headless
 * Chromium, then stops both and removes the file, whatever `measure` did.
 */
export async function withLabInBrowser(
  measure: (browser: Browser, base: string) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chain-lab-ui-bench-'))
  const { labPort, args } = await freeLabPorts()
  const lab = spawnLab([...args, '--db', join(dir, 'runs.sqlite')])
  const browser = await launchChromium()
  try {
    await labReady(lab, 120_000)
    await measure(browser, `http://127.0.0.1:${labPort}`)
  } finally {
    await browser.close()
    lab.child.kill('SIGTERM')
    await lab.exited
    rmSync(dir, { recursive: true, force: true })
  }
}
