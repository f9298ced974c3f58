import { useCallback, useEffect, useState } from 'react'
import type { NetworkInfo } from '../../shared/api-types'
import type { LabClient } from '../../shared/lab-bridge'

/** The live network overview: fetched once, then kept current by pushed `network` events. */
export function useNetwork(client: LabClient): {
  network: NetworkInfo | null
  error: string | null
  run: (action: () => Promise<unknown>) => Promise<void>
} {
  const [network, setNetwork] = useState<NetworkInfo | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    client.getNetwork({}).then(
      (info) => live && setNetwork(info),
      (e: unknown) => live && setError(String(e)),
    )
    const off = client.subscribe('network', (info) => setNetwork(info))
    return () => {
      live = false
      off()
    }
  }, [client])
  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      setError(null)
      try {
        await action()
        setNetwork(await client.getNetwork({}))
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e))
      }
    },
    [client],
  )
  return { network, error, run }
}
