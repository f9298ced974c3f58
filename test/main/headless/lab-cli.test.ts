import type { ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort } from '../../support/free-port'
import { freeLabPorts, spawnLab, until } from '../../support/lab-process'

/** The lab CLI recording to a throwaway database, never to the user's own. */
const runLab = (args: string[]) => spawnLab(['--db', ':memory:', ...args])

describe('npm run lab', () => {
  const children: ChildProcess[] = []
  let blocker: Server | undefined
  afterEach(() => {
    for (const child of children) child.kill('SIGKILL')
    children.length = 0
    blocker?.close()
  })

  it('prints its URLs when ready, answers, and stops cleanly on SIGTERM within 2 s', async () => {
    const { nodePort, labPort, args } = await freeLabPorts()
    const lab = runLab(['--nodes', '1', ...args])
    children.push(lab.child)
    await until(() => lab.output().includes('Press Ctrl+C'))
    expect(lab.output()).toContain(`http://127.0.0.1:${labPort}`)
    expect(lab.output()).toContain(`node1           http://127.0.0.1:${nodePort}`)
    const status = await fetch(`http://127.0.0.1:${nodePort}/start`)
    expect(status.status).toBe(200)
    const started = Date.now()
    lab.child.kill('SIGTERM')
    expect(await lab.exited).toBe(0)
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it("takes a genesis allocation, and says how to reach the original simulator's clients", async () => {
    const { nodePort, args } = await freeLabPorts()
    const lab = runLab(['--nodes', '1', '--dialect', 'legacy', '--genesis', 'aki=2,so=7', ...args])
    children.push(lab.child)
    await until(() => lab.output().includes('Press Ctrl+C'))
    expect(lab.output()).toContain("speak the original simulator's wire format")
    await fetch(`http://127.0.0.1:${nodePort}/start`)
    const genesis = await (await fetch(`http://127.0.0.1:${nodePort}/block/0`)).text()
    expect(genesis).toContain(
      '"transaction": [{"sender": null, "recipient": "aki", "value": 2}, ' +
        '{"sender": null, "recipient": "so", "value": 7}]',
    )
  })

  it('names the port in a one-line error when it is in use', async () => {
    const port = await freePort()
    blocker = createServer()
    await new Promise<void>((resolve) => blocker!.listen(port, '127.0.0.1', resolve))
    const lab = runLab([
      '--nodes',
      '1',
      '--first-port',
      String(port),
      '--lab-port',
      String(await freePort()),
    ])
    children.push(lab.child)
    expect(await lab.exited).toBe(2)
    expect(lab.output().trim()).toBe(`chain-lab: port ${port} is in use`)
  })

  it.each([
    [['--nodes', 'many'], '--nodes must be an integer'],
    [['--dialect', 'yaml'], '--dialect must be readme or legacy'],
    [['--topology', 'torus'], '--topology: unknown'],
    [['--colour', 'blue'], "Unknown option '--colour'"],
    [['--genesis', 'aki:10'], '--genesis: "aki:10" is not account=coins'],
  ])('names the bad flag %j in a one-line error', async (args, message) => {
    const lab = runLab(args)
    children.push(lab.child)
    expect(await lab.exited).toBe(2)
    expect(lab.output().trim().split('\n')).toHaveLength(1)
    expect(lab.output()).toContain(message)
  })
})
