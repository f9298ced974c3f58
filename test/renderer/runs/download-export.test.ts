import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  downloadExport,
  type DownloadProgress,
} from '../../../src/renderer/src/runs/download-export'

const encoder = new TextEncoder()

/**
 * A fetch answering a streamed body of `chunks` (endless when null), erroring the body when the
 * request's signal aborts, as a browser's fetch does.
 */
function streamingFetch(chunks: string[] | null, lineCount: number | null) {
  return vi.fn(async (_url: string, init?: { signal?: AbortSignal }) => {
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        init?.signal?.addEventListener('abort', () =>
          controller.error(new DOMException('The user aborted a request.', 'AbortError')),
        )
      },
      pull(controller) {
        if (chunks === null) return controller.enqueue(encoder.encode('{"seq":1}\n'.repeat(50)))
        const next = chunks[sent++]
        if (next === undefined) controller.close()
        else controller.enqueue(encoder.encode(next))
      },
    })
    const headers: Record<string, string> = { 'Content-Type': 'application/x-ndjson' }
    if (lineCount !== null) headers['X-Line-Count'] = String(lineCount)
    return new Response(body, { status: 200, headers })
  })
}

describe('downloading an export in a browser', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('counts the lines as they arrive against the count the lab announced', async () => {
    const chunks = Array.from(
      { length: 300 },
      (_, i) => `{"seq":${2 * i + 1}}\n{"seq":${2 * i + 2}}\n`,
    )
    const fetch = streamingFetch(chunks, 600)
    vi.stubGlobal('fetch', fetch)
    const progress: DownloadProgress[] = []
    const blob = await downloadExport(7, 'jsonl', { onProgress: (p) => progress.push(p) })
    expect(fetch).toHaveBeenCalledWith('/api/runs/7/export?format=jsonl', expect.anything())
    expect(await blob.text()).toBe(chunks.join(''))
    expect(blob.type).toBe('application/x-ndjson')
    // Along the way but not per piece, in order, ending with all of it.
    expect(progress.length).toBeGreaterThan(10)
    expect(progress.length).toBeLessThanOrEqual(102)
    expect(progress.map((p) => p.done)).toEqual(progress.map((p) => p.done).sort((a, b) => a - b))
    expect(progress.at(-1)).toEqual({ done: 600, total: 600 })
  })

  it('stops when its signal aborts', async () => {
    vi.stubGlobal('fetch', streamingFetch(null, 1_000_000))
    const controller = new AbortController()
    const progress: DownloadProgress[] = []
    const download = downloadExport(1, 'csv', {
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p)
        if (progress.length === 2) controller.abort()
      },
    })
    await expect(download).rejects.toMatchObject({ name: 'AbortError' })
    expect(progress).toHaveLength(2)
  })

  it("reports the lab's refusal with its code", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json({ error: { code: 'unknown-run', message: 'no run 9' } }, { status: 404 }),
      ),
    )
    await expect(downloadExport(9, 'run')).rejects.toMatchObject({
      code: 'unknown-run',
      message: 'no run 9',
    })
  })
})
