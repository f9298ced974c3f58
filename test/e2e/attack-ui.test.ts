/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser.
import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../support/browser'
import { graphDrawn } from '../support/graph-view'
import { freeLabPorts, labReady, spawnLab } from '../support/lab-process'
import { tempDir } from '../support/recording'
import { screenshot } from '../support/screenshot'

/** expect.poll with room for a loaded machine (its default second is short under load 30). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 })

/** The lab API's answer, asked from the page (the same origin). */
function api<T>(page: Page, path: string): Promise<T> {
  return page.evaluate((p) => fetch(p).then((r) => r.json()), path) as Promise<T>
}

interface Network {
  clock: number
  nodes: { id: string; strategy?: string }[]
  attack: { kind: string; attackers: string[]; share: number; merchant: string | null } | null
}

/** A balance as the node panel of `node` shows it. */
async function balanceOn(page: Page, node: string, account: string): Promise<string> {
  const panel = page.getByRole('region', { name: `${node} details` })
  const row = panel.locator('table tr', { has: page.locator(`td:text-is("${account}")`) })
  return (await row.locator('td.num').textContent()) ?? ''
}

/**
 * Selects a node with the graph's Find (a click on the canvas could land on a link and cut it,
 * while the layout still moves), and waits for its panel.
 */
async function selectNode(page: Page, id: string): Promise<void> {
  const graph = page.locator('.graph-box').first()
  await graph.getByLabel('find a node').fill(id)
  await graph.getByRole('button', { name: 'Find' }).click()
  await page.getByRole('region', { name: `${id} details` }).waitFor()
}

/** The event log showing its attack entries alone (only the rows in view are in the page). */
async function attackLog(page: Page): Promise<Locator> {
  const log = page.getByRole('region', { name: 'Event log' })
  for (const box of await log.getByRole('checkbox').all()) {
    const label = await box.evaluate((el) => el.closest('label')?.textContent ?? '')
    if (label.includes('attacks') !== (await box.isChecked())) await box.click()
  }
  return log
}

describe('attacks in the UI (npm run lab, headless Chromium)', () => {
  let temp: ReturnType<typeof tempDir>
  let lab: { child: ChildProcess; url: string }
  let browser: Browser
  let page: Page
  let guide: Locator
  let tree: Locator

  beforeAll(async () => {
    temp = tempDir()
    const { labPort, args } = await freeLabPorts()
    const spawned = spawnLab([...args, '--db', join(temp.dir, 'runs.sqlite')])
    await labReady(spawned, 60_000)
    lab = { child: spawned.child, url: `http://127.0.0.1:${labPort}/` }
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    await page.goto(lab.url)
    guide = page.getByRole('region', { name: 'Guided attacks' })
    tree = page.getByRole('region', { name: 'Block tree of the network' })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    lab?.child.kill('SIGTERM')
    temp?.remove()
  })

  it("takes an attack in the New network form, and shows the lab's reason for a bad one", async () => {
    await page.getByRole('button', { name: 'New network…' }).click()
    const form = page.getByRole('form', { name: 'New network' })
    await form.getByLabel('strategy').selectOption('selfish')
    const attacker = form.getByLabel('attacker node')
    const share = form.getByLabel('hash share')
    const create = form.getByRole('button', { name: 'Create' })

    await attacker.fill('node9')
    await create.click()
    await poll(() => form.getByRole('alert').textContent()).toContain(
      'attack: attacker "node9" is not a node',
    )

    await attacker.fill('node2')
    await share.fill('1.5')
    await create.click()
    await poll(() => form.getByRole('alert').textContent()).toContain(
      'attack: share 1.5 is outside (0, 1)',
    )

    await form.getByLabel('strategy').selectOption('double-spend')
    await share.fill('0.3')
    await form.getByLabel('merchant').fill('node2')
    await create.click()
    await poll(() => form.getByRole('alert').textContent()).toContain(
      'the merchant must be an honest node',
    )

    await form.getByLabel('merchant').fill('node3')
    await form.getByLabel('confirmations').fill('3')
    await create.click()
    await form.waitFor({ state: 'detached' })
    const network = await api<Network>(page, '/api/network')
    expect(network.attack).toMatchObject({
      kind: 'double-spend',
      attackers: ['node2'],
      share: 0.3,
      merchant: 'node3',
      confirmations: 3,
    })
    expect(network.nodes.map((n) => n.strategy ?? 'honest')).toEqual([
      'honest',
      'double-spend',
      'honest',
    ])

    // The node panel tells an attacker from the others: its strategy and where it stands.
    await page.getByRole('button', { name: 'Start' }).click()
    await graphDrawn(page, 3)
    await selectNode(page, 'node2')
    const facts = page.getByRole('region', { name: "node2's attack" })
    await poll(() => facts.getByTestId('attack-state').getAttribute('data-phase')).toBe('waiting')
    expect(await facts.textContent()).toContain('double spend')
    await selectNode(page, 'node1')
    await page.getByRole('region', { name: 'node1 details' }).waitFor()
    expect(await page.getByRole('region', { name: "node1's attack" }).count()).toBe(0)

    // The form opens with the network's attack, and "honest" ends it.
    await page.getByRole('button', { name: 'New network…' }).click()
    expect(await form.getByLabel('strategy').inputValue()).toBe('double-spend')
    expect(await form.getByLabel('merchant').inputValue()).toBe('node3')
    await form.getByLabel('strategy').selectOption('honest')
    await create.click()
    await form.waitFor({ state: 'detached' })
    expect((await api<Network>(page, '/api/network')).attack).toBeNull()
  }, 90_000)

  /** Opens the guide of `name` from the list and plays it; answers the chapters' locator. */
  async function playGuide(name: string): Promise<void> {
    if ((await guide.count()) === 0)
      await page.getByRole('button', { name: 'Guided attacks…' }).click()
    const other = guide.getByRole('button', { name: 'Other attacks' })
    if ((await other.count()) > 0) await other.click()
    await guide.getByRole('button', { name: `Play ${name}` }).click()
    await guide.getByRole('heading', { name }).waitFor()
    await guide.getByText('What to watch').waitFor()
  }

  /** Plays the guide's chapters up to `count` done. */
  async function playChapters(count: number): Promise<void> {
    for (;;) {
      const done = await guide.locator('ol.guide-steps > li.done').count()
      if (done >= count) return
      await guide.getByRole('button', { name: /^Next: to clock/ }).click()
      await poll(() => guide.locator('ol.guide-steps > li.done').count()).toBe(done + 1)
    }
  }

  async function playToTheEnd(): Promise<void> {
    await guide.getByRole('button', { name: 'Play to the end' }).click()
    await guide.getByText('The attack is told').waitFor({ timeout: 30_000 })
  }

  const marked = (kind: string) => tree.locator(`g.tree-block[data-attack="${kind}"]`)

  it('plays "selfish mining at 35 %" from the UI: withheld blocks, the lead, publications and what they orphan', async () => {
    await playGuide('Selfish mining at 35 %')
    expect((await api<Network>(page, '/api/network')).attack).toMatchObject({
      kind: 'selfish',
      share: 0.35,
    })
    // Clock 0: node1 mines and keeps its block.
    await playChapters(1)
    await poll(() => marked('withheld').count()).toBe(1)
    expect(await marked('withheld').first().textContent()).toMatch(/^#1 node1 withheld @\d+/)
    // The graph marks the attacker (its nodes' list gives the same words to a screen reader).
    await poll(() =>
      page.getByRole('option', { name: /^node1, ⚔ attacker \(selfish\)/ }).count(),
    ).toBe(1)
    await selectNode(page, 'node1')
    const facts = page.getByRole('region', { name: "node1's attack" })
    await poll(() => facts.getByTestId('private-lead').textContent()).toMatch(/^\+1 /)

    // node2 finds a block: node1 publishes its own to match it, a tie.
    await playChapters(2)
    await poll(() => marked('withheld').count()).toBe(0)
    await poll(() => facts.getByTestId('attack-state').getAttribute('data-phase')).toBe('tie')
    // node1's next block wins the tie: node2's block is orphaned, and the log says so.
    await playChapters(3)
    await poll(() => marked('orphaned').count()).toBe(1)
    // Two blocks in secret: a lead of two.
    await playChapters(5)
    await poll(() => marked('withheld').count()).toBe(2)
    await poll(() => facts.getByTestId('private-lead').textContent()).toMatch(/^\+2 /)
    await poll(() => facts.getByTestId('attack-state').getAttribute('data-phase')).toBe('ahead')
    await screenshot(page, 'attack.png')

    // node3 finds a block; node1 publishes both, and node3's block is orphaned at once.
    await playToTheEnd()
    await poll(() => marked('withheld').count()).toBe(0)
    await poll(() => marked('orphaned').count()).toBe(2)
    await poll(() => marked('published').count()).toBe(4)
    const log = await attackLog(page)
    await poll(() =>
      log.getByText(/published 1 withheld block .*a tie · nothing orphaned yet/).count(),
    ).toBe(1)
    await poll(() =>
      log
        .getByText(/published 2 withheld blocks .*its lead of one orphans .* · orphaned 1 block/)
        .count(),
    ).toBe(1)
    // The block's detail says who withheld it, since when, and what its publication orphaned.
    await marked('orphaned').last().click()
    await poll(() => tree.getByTestId('block-attack').textContent()).toMatch(
      /Orphaned: node1 published its withheld blocks at clock \d+ \(its lead of one/,
    )
    await poll(() => facts.getByTestId('private-lead').textContent()).toMatch(/^none/)
  }, 120_000)

  it('plays "a double spend with 2 confirmations": racing, delivered, won, the payment reversed', async () => {
    await playGuide('A double spend with 2 confirmations')
    await selectNode(page, 'node1')
    const facts = page.getByRole('region', { name: "node1's attack" })
    const phase = () => facts.getByTestId('attack-state').getAttribute('data-phase')
    await playChapters(2)
    await poll(phase).toBe('racing')
    await poll(() => marked('withheld').count()).toBe(1)
    await playChapters(3)
    // node3 confirmed the payment a second time: the merchant delivers.
    await poll(phase).toBe('delivered')
    await playToTheEnd()
    await poll(phase).toBe('won')
    await poll(() => marked('orphaned').count()).toBe(2)
    const log = await attackLog(page)
    await poll(() =>
      log
        .getByText(/published 3 withheld blocks .*the payment is reversed · orphaned 2 blocks/)
        .count(),
    ).toBe(1)
    await selectNode(page, 'node2')
    await poll(() => balanceOn(page, 'node2', 'satoshi')).toBe('15')
    await poll(() => balanceOn(page, 'node2', 'so')).toBe('7')
  }, 120_000)

  it('plays "an eclipse": the victim sees only the attacker’s chain, then reorganises when the links heal', async () => {
    await playGuide('An eclipse')
    await graphDrawn(page, 4)
    // The victim's payment is confirmed on the attacker's chain: so holds 17 coins on node4.
    await playChapters(5)
    await selectNode(page, 'node4')
    await poll(() => balanceOn(page, 'node4', 'so')).toBe('17')
    await selectNode(page, 'node1')
    const facts = page.getByRole('region', { name: "node1's attack" })
    await poll(() => facts.getByTestId('attack-state').getAttribute('data-phase')).toBe('feeding')
    const log = await attackLog(page)
    await poll(() =>
      log.getByText(/to node4 alone: the eclipsed victim sees only this chain/).count(),
    ).toBeGreaterThan(0)
    await playToTheEnd()
    await selectNode(page, 'node4')
    await poll(() => balanceOn(page, 'node4', 'so')).toBe('7')
    await poll(() => balanceOn(page, 'node4', 'satoshi')).toBe('15')
    const told = guide.locator('ol.guide-steps > li').last()
    await poll(() => told.textContent()).toMatch(/node4: reorganised/)
  }, 120_000)

  it('replays the selfish-mining run: the attacker marked in the graph, its withheld blocks and its lead at a clock', async () => {
    const runs = await api<{ id: number; name: string }[]>(page, '/api/runs')
    const run = runs.find((r) => r.name === 'Selfish mining at 35 %')
    expect(run).toBeDefined()
    await page.getByRole('tab', { name: 'Runs' }).click()
    await page.locator(`tr[data-run="${run!.id}"]`).getByRole('button', { name: 'Open' }).click()
    const scrubber = page.getByLabel('scrub to clock')
    await scrubber.waitFor()
    // Clock 35: node1 holds two blocks in secret; node3's block is a clock away.
    await scrubber.focus()
    await page.keyboard.press('Home')
    for (let i = 0; i < 35; i++) await page.keyboard.press('ArrowRight')
    await poll(() => page.getByTestId('replay-clock').textContent()).toBe('35')
    // The replayed state comes after the scrubber's clock: wait for the graph's nodes.
    await poll(() =>
      page.getByRole('option', { name: /^node1, ⚔ attacker \(selfish\)/ }).count(),
    ).toBe(1)
    await poll(() => marked('withheld').count()).toBe(2)
    await poll(() => marked('orphaned').count()).toBe(1)
    await selectNode(page, 'node1')
    const facts = page.getByRole('region', { name: "node1's attack" })
    await poll(() => facts.getByTestId('private-lead').textContent()).toMatch(/^\+2 /)
    await screenshot(page, 'attack-replay.png')
  }, 90_000)
})
