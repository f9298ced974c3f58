import { useEffect, useMemo, useSyncExternalStore } from 'react'
import type { LabClient } from '../../../shared/lab-bridge'
import { LiveLab } from './live-lab'

/** The live lab, re-rendering at most once per animation frame. */
export function useLiveLab(client: LabClient): LiveLab {
  const lab = useMemo(() => new LiveLab(client), [client])
  useEffect(() => lab.start(), [lab])
  useSyncExternalStore(lab.subscribe, lab.getVersion)
  return lab
}
