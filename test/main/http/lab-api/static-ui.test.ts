import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaticUi } from '../../../../src/main/http/lab-api/static-ui'

describe('the UI served to a browser', () => {
  let root: string
  let server: Server
  let base: string
  beforeAll(async () => {
    // A build folder made here: a page and one of its scripts.
    root = mkdtempSync(join(tmpdir(), 'chain-lab-static-ui-'))
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>')
    mkdirSync(join(root, 'assets'))
    writeFileSync(join(root, 'assets', 'index-1.js'), 'export {}')
    const serve = createStaticUi(root)
    server = createServer((req, res) => {
      void serve(req, res).then((served) => served || res.writeHead(404).end())
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => {
    server.close()
    rmSync(root, { recursive: true, force: true })
  })

  it("has the browser ask for the network's overview as it reads the page, for the page's fetch", async () => {
    const page = await fetch(`${base}/`)
    expect(page.headers.get('link')).toBe('</api/network>; rel=preload; as=fetch; crossorigin')
    expect(await page.text()).toContain('id="root"')
    const script = await fetch(`${base}/assets/index-1.js`)
    expect(script.headers.get('link')).toBeNull()
  })
})
