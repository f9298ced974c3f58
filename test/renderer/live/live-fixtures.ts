import { waitFor } from '@testing-library/react'
import { expect, vi } from 'vitest'
import type { NetworkInfo } from '../../../src/shared/api-types'
import type { LabEvents } from '../../../src/shared/lab-events'
import type { LabClient } from '../../../src/shared/lab-bridge'
import { LiveLab } from '../../../src/renderer/src/store/live-lab'

/**
 * A live lab started over a client that answers `network` for the overview and an empty block
 * tree, and whose engine events the test pushes (`push`); asking for a node's details fails.
 */
export async function startedLab(network: () => NetworkInfo) {
  let listener: (events: LabEvents['engine']) => void = () => undefined
  const client = {
    subscribe: (name: string, heard: (payload: unknown) => void) => {
      if (name === 'engine') listener = heard as typeof listener
      return () => undefined
    },
    getNetwork: vi.fn(async () => network()),
    getNode: vi.fn(async () => {
      throw new Error('not asked for here')
    }),
    getBlockTree: vi.fn(async () => []),
  } as Partial<LabClient> as LabClient
  const lab = new LiveLab(client)
  lab.start()
  await waitFor(() => expect(lab.network).not.toBeNull())
  return { client, lab, push: (events: LabEvents['engine']) => listener(events) }
}
