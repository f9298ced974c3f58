// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RunsView } from '../../../src/renderer/src/runs/RunsView'
import type { LabEventName, LabEvents } from '../../../src/shared/lab-events'
import { LabError } from '../../../src/shared/errors'
import type { LabClient } from '../../../src/shared/lab-bridge'
import type { RunSummary } from '../../../src/shared/run-types'

const run = (id: number, name: string): RunSummary => ({
  id,
  name,
  notes: '',
  created: '2026-11-25T10:00:00.000Z',
  ended: '2026-11-25T10:05:00.000Z',
  status: 'finished',
  clocks: 10,
  nodes: 3,
  blocks: 2,
  events: 600,
  commands: 5,
  dialect: 'readme',
  parentRunId: null,
  branchClock: null,
})

/** A promise the test settles, as a slow main side or network would. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** The client the view needs, with the events it subscribes to pushed by `emit`. */
function fakeClient() {
  const listeners = new Map<LabEventName, Set<(payload: never) => void>>()
  const methods = {
    listRuns: vi.fn(async () => [run(1, 'first fork')]),
    saveRunExport: vi.fn(),
    cancelExport: vi.fn(async () => ({ cancelled: true })),
    openRunFile: vi.fn(),
  }
  const client = {
    ...methods,
    subscribe: (name: LabEventName, listener: (payload: never) => void) => {
      const set = listeners.get(name) ?? new Set()
      set.add(listener)
      listeners.set(name, set)
      return () => set.delete(listener)
    },
  } as unknown as LabClient
  const emit = <K extends LabEventName>(name: K, payload: LabEvents[K]) =>
    act(() => listeners.get(name)?.forEach((l) => (l as (p: LabEvents[K]) => void)(payload)))
  return { client, methods, emit }
}

const button = (name: string) => screen.getByRole<HTMLButtonElement>('button', { name })

describe('exporting a run from the desktop app', () => {
  afterEach(cleanup)

  it('shows the progress the main side reports, and cancels it', async () => {
    const { client, methods, emit } = fakeClient()
    const saving = deferred<never>()
    methods.saveRunExport.mockReturnValue(saving.promise)
    render(<RunsView client={client} onBranched={() => undefined} desktop />)
    await userEvent.click(await screen.findByRole('button', { name: 'CSV' }))
    expect(methods.saveRunExport).toHaveBeenCalledWith({ id: 1, format: 'csv' })
    emit('export-progress', { runId: 1, format: 'csv', done: 240, total: 601 })
    expect(screen.getByTestId('export-progress').textContent).toBe('39% · 240 / 601 lines')
    // Another run's export, or another format, is not this one.
    emit('export-progress', { runId: 2, format: 'csv', done: 600, total: 601 })
    emit('export-progress', { runId: 1, format: 'jsonl', done: 600, total: 601 })
    expect(screen.getByTestId('export-progress').textContent).toBe('39% · 240 / 601 lines')
    expect(button('JSONL').disabled).toBe(true)

    await userEvent.click(button('Cancel export'))
    expect(methods.cancelExport).toHaveBeenCalledWith({ id: 1 })
    await act(async () => saving.reject(new LabError('cancelled', 'exporting run 1 was cancelled')))
    expect(screen.getByRole('status').textContent).toBe('Export cancelled')
    expect(screen.queryByRole('group', { name: 'export under way' })).toBeNull()
    expect(button('JSONL').disabled).toBe(false)
  })

  it('tells where the file went', async () => {
    const { client, methods } = fakeClient()
    methods.saveRunExport.mockResolvedValue({
      path: '/home/aki/first-fork.csv',
      lines: 601,
      bytes: 9,
    })
    render(<RunsView client={client} onBranched={() => undefined} desktop />)
    await userEvent.click(await screen.findByRole('button', { name: 'CSV' }))
    expect((await screen.findByRole('status')).textContent).toBe(
      'Saved 601 lines to /home/aki/first-fork.csv',
    )
  })
})

describe('exporting a run from a browser', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  /** A streamed answer the test feeds line by line; the request's abort errors it. */
  function streamingExport() {
    let feed!: ReadableStreamDefaultController<Uint8Array>
    let signal: AbortSignal | undefined
    const fetch = vi.fn(async (_url: string, init?: { signal?: AbortSignal }) => {
      signal = init?.signal
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          feed = controller
          signal?.addEventListener('abort', () =>
            controller.error(new DOMException('aborted', 'AbortError')),
          )
        },
      })
      return new Response(body, { headers: { 'X-Line-Count': '600' } })
    })
    vi.stubGlobal('fetch', fetch)
    return {
      fetch,
      send: (lines: number) =>
        act(async () => feed.enqueue(new TextEncoder().encode('{"seq":1}\n'.repeat(lines)))),
      end: () => act(async () => feed.close()),
      aborted: () => signal?.aborted,
    }
  }

  it('counts the lines as they arrive, and cancels the download', async () => {
    const { client } = fakeClient()
    const stream = streamingExport()
    const objectUrl = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:export')
    render(<RunsView client={client} onBranched={() => undefined} desktop={false} />)
    await userEvent.click(await screen.findByRole('button', { name: 'JSONL' }))
    expect(stream.fetch).toHaveBeenCalledWith(
      '/api/runs/1/export?format=jsonl',
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    )
    await stream.send(150)
    await stream.send(150)
    expect(screen.getByTestId('export-progress').textContent).toBe('50% · 300 / 600 lines')
    await userEvent.click(button('Cancel export'))
    expect(stream.aborted()).toBe(true)
    expect((await screen.findByRole('status')).textContent).toBe('Export cancelled')
    expect(objectUrl).not.toHaveBeenCalled()
  })

  it('hands the whole export to the browser under the run name', async () => {
    const { client } = fakeClient()
    const stream = streamingExport()
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:export')
    const saved: { name: string; href: string }[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push({ name: this.download, href: this.href })
    })
    render(<RunsView client={client} onBranched={() => undefined} desktop={false} />)
    await userEvent.click(await screen.findByRole('button', { name: 'Export' }))
    await stream.send(600)
    await stream.end()
    expect((await screen.findByRole('status')).textContent).toBe('Downloaded run 1 as RUN')
    expect(saved).toEqual([{ name: 'first-fork.chain-lab-run', href: 'blob:export' }])
  })
})

describe('importing a run file', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('uploads the File itself from a browser, busy until the lab answers', async () => {
    const { client, methods } = fakeClient()
    const answer = deferred<Response>()
    const fetch = vi.fn(() => answer.promise)
    vi.stubGlobal('fetch', fetch)
    render(<RunsView client={client} onBranched={() => undefined} desktop={false} />)
    const file = new File(['{"format":"chain-lab-run"}\n'], 'fork.chain-lab-run')
    await userEvent.upload(await screen.findByLabelText('run file'), file)
    expect(fetch).toHaveBeenCalledWith('/api/runs/import', { method: 'POST', body: file })
    expect(button('Importing…').disabled).toBe(true)
    await act(async () => answer.resolve(Response.json(run(2, 'fork'))))
    expect((await screen.findByRole('status')).textContent).toBe('Imported as run 2')
    expect(methods.listRuns).toHaveBeenCalledTimes(2)
    expect(button('Open run file…').disabled).toBe(false)
  })

  it("shows the lab's refusal", async () => {
    const { client } = fakeClient()
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json(
          { error: { code: 'invalid-run-file', message: 'its checksum does not match' } },
          { status: 400 },
        ),
      ),
    )
    render(<RunsView client={client} onBranched={() => undefined} desktop={false} />)
    await userEvent.upload(
      await screen.findByLabelText('run file'),
      new File(['x'], 'x.chain-lab-run'),
    )
    expect((await screen.findByRole('alert')).textContent).toBe('its checksum does not match')
  })

  it('lets the main side ask for the file in the desktop app, from the button or File > Open', async () => {
    const { client, methods, emit } = fakeClient()
    const picked = vi.spyOn(HTMLInputElement.prototype, 'click')
    methods.openRunFile.mockResolvedValueOnce(run(2, 'fork')).mockResolvedValueOnce(null)
    render(<RunsView client={client} onBranched={() => undefined} desktop />)
    await userEvent.click(await screen.findByRole('button', { name: 'Open run file…' }))
    expect((await screen.findByRole('status')).textContent).toBe('Imported as run 2')
    emit('menu', 'open-run')
    expect(methods.openRunFile).toHaveBeenCalledTimes(2)
    expect(picked).not.toHaveBeenCalled()
  })
})
