import { useEffect, useState } from 'react'

/** The latest result of an async load, reloaded when `deps` change; stale answers are dropped. */
export function useAsync<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): {
  value: T | undefined
  error: string | null
} {
  const [state, setState] = useState<{ value: T | undefined; error: string | null }>({
    value: undefined,
    error: null,
  })
  useEffect(() => {
    let live = true
    load().then(
      (value) => live && setState({ value, error: null }),
      (e: unknown) =>
        live && setState((s) => ({ ...s, error: e instanceof Error ? e.message : String(e) })),
    )
    return () => {
      live = false
    }
    // The caller names what the load depends on, as it would to useEffect itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)
  return state
}
