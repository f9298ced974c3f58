import type { IncomingMessage } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeChunks } from '../../files/write-chunks'
import { RecordingOffError } from '../../handlers/run-handlers'
import type { Recorder } from '../../recorder/recorder'

/** What an import needs of the recorder. */
export type RunImporter = Pick<Recorder, 'importRunFile'>
import { LabError } from '../../../shared/errors'

/** Guards the disk against a runaway upload: a million-event run is about 300 MiB. */
export const MAX_IMPORT_BYTES = 8 * 1024 ** 3

/** The body's chunks, refused (413) past `limit` bytes. */
async function* limited(req: IncomingMessage, limit: number): AsyncGenerator<Buffer> {
  const tooLarge = () => new LabError('body-too-large', `the body is over ${limit} bytes`)
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge()
  let size = 0
  // Not destroyed on a refusal, so the socket lives to carry the 413.
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw tooLarge()
    yield chunk
  }
}

/**
 * Imports a run file uploaded as the request body; answers the new run's id.
 *
 * The body goes to a temporary file first and is imported from there, rather than inserted as
 * it arrives: the import reads the file twice (it checks all of it before writing any of it, so
 * a damaged upload leaves nothing behind), which a request body cannot be (see importRunFile).
 */
export async function importRunBody(
  recorder: RunImporter | null,
  req: IncomingMessage,
  { limit = MAX_IMPORT_BYTES, tempRoot = tmpdir() }: { limit?: number; tempRoot?: string } = {},
): Promise<number> {
  if (!recorder) throw new RecordingOffError()
  const dir = await mkdtemp(join(tempRoot, 'chain-lab-import-'))
  try {
    const file = join(dir, 'upload.chain-lab-run')
    try {
      await writeChunks(file, limited(req, limit))
    } catch (error) {
      req.resume()
      throw error
    }
    return await recorder.importRunFile(file)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
