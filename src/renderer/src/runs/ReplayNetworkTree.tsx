import { useMemo } from 'react'
import type { LinkSummary, SequencedEvent } from '../../../shared/api-types'
import type { RunState } from '../../../shared/run-types'
import { NetworkTreeBuilder } from '../chain/network-tree'
import { NetworkTreeView } from '../chain/NetworkTreeView'

/**
 * A saved run's merged block tree at the scrubbed clock, from the event log's entries (they hold
 * every block.mined and block.accepted of the run).
 */
export function ReplayNetworkTree(props: {
  entries: readonly SequencedEvent[]
  version: number
  state: RunState | null
  links: readonly LinkSummary[]
  node: string | null
  selected: string | null
  onSelect: (hash: string | null) => void
}) {
  const { entries, version, state, links, node, selected, onSelect } = props
  const clock = state?.clock ?? 0
  // `version` stands for the entries' contents, which grow in place.
  // Built once per page of the log, not per scrubbed clock: the view shows it as it stood then.
  const tree = useMemo(() => {
    const builder = new NetworkTreeBuilder()
    builder.apply(entries)
    return builder
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` stands for contents that grow in place
  }, [entries, version])
  const nodes = useMemo(() => state?.nodes.map((n) => n.id) ?? [], [state])
  const tips = useMemo(
    () => Object.fromEntries((state?.nodes ?? []).map((n) => [n.id, n.tip])),
    [state],
  )
  if (!state) return null
  return (
    <NetworkTreeView
      blocks={tree.blocks}
      whole={tree.whole}
      version={version}
      nodes={nodes}
      tips={tips}
      links={links}
      node={node}
      upTo={clock}
      selected={selected}
      onSelect={onSelect}
      attacks={tree.attacks}
    />
  )
}
