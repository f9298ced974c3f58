import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { LinkSummary, NodeSnapshot, NodeSummary, TreeBlock } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'
import { EarlyNodeAnswer, followedKeys } from './early-node-answer'

/** The selected node is fetched again at most this often while the network plays. */
const MIN_GAP_MS = 250

/**
 * The selected node's full state (pool, peers, balances) and block tree. Fetched at once when a
 * node is picked; then again only when its summary in the overview changes, at most every
 * MIN_GAP_MS and never two requests at a time: the overview arrives every frame while playing,
 * and a request per frame was a good part of what made playing slow. The tree is fetched only
 * when the node's chain moved. Nothing is asked before the node's summary is here (a page just
 * opened): the answer would be asked again the moment the overview came.
 *
 * The request for a newly picked node leaves in the click's own task (a layout effect, run before
 * the frame is painted), not in a passive effect: React runs those after the frame that shows
 * the click, so the node's balances, peers and pool waited a frame (about 15 ms) before being
 * asked for, and showed a frame later than they could. Earlier still, `press` asks for a node
 * when the pointer goes down on it (see EarlyNodeAnswer).
 */
export function useFollowedNode(
  client: LabClient,
  nodeId: string | null,
  summary: NodeSummary | undefined,
  links: readonly LinkSummary[],
  onError: (e: unknown) => void,
) {
  const [node, setNode] = useState<NodeSnapshot | null>(null)
  const [tree, setTree] = useState<TreeBlock[]>([])
  const [balances, setBalances] = useState<Record<string, number>[]>([])
  const poke = useRef<() => void>(() => {})
  const { state: stateKey, chain: chainKey } = followedKeys(summary, links)
  const early = useMemo(() => new EarlyNodeAnswer(client), [client])
  const linksRef = useRef(links)
  linksRef.current = links
  const chainRef = useRef(chainKey)
  chainRef.current = chainKey
  const stateRef = useRef(stateKey)
  stateRef.current = stateKey
  const nodeIdRef = useRef(nodeId)
  nodeIdRef.current = nodeId
  /** How many snapshots an action answered with were shown (see `show`). */
  const shown = useRef(0)

  useLayoutEffect(() => {
    // Kept as they are when already empty: a new state here would render again before the paint.
    setBalances((list) => (list.length === 0 ? list : []))
    setTree((blocks) => (blocks.length === 0 ? blocks : []))
    if (!nodeId) return
    let live = true
    let busy = false
    let last = 0
    // The summary the node's details were last asked at; the tree, the chain.
    let asked: string | null = null
    let treeOf: string | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    const run = async () => {
      timer = undefined
      const state = stateRef.current
      if (busy || !live || state === '' || state === asked) return
      asked = state
      busy = true
      last = performance.now()
      try {
        const chain = chainRef.current
        const wantTree = treeOf !== chain
        // Both asked at once; the details show as soon as they come, not after the tree.
        const taken = early.take(nodeId, state)
        const blocks = wantTree ? (taken?.tree ?? client.getBlockTree({ node: nodeId })) : null
        const shownBefore = shown.current
        const snapshot = await (taken?.snapshot ?? client.getNode({ node: nodeId }))
        if (!live) return
        // An action's answer shown meanwhile is newer than this one, asked before it.
        if (shown.current === shownBefore) setNode(snapshot)
        setBalances((list) =>
          [
            // Clocks only go back when a reset begins a new run: nothing of the old one stays.
            ...list.filter((b) => (b['clock'] ?? 0) < snapshot.clock),
            { clock: snapshot.clock, ...snapshot.balances },
          ].slice(-1_000),
        )
        if (blocks) {
          const known = await blocks
          if (!live) return
          treeOf = chain
          setTree(known)
        }
      } catch (e) {
        if (live) onError(e)
      } finally {
        busy = false
        if (live && stateRef.current !== asked) schedule()
      }
    }
    const schedule = () => {
      if (busy || timer !== undefined) return
      timer = setTimeout(() => void run(), Math.max(0, last + MIN_GAP_MS - performance.now()))
    }
    poke.current = schedule
    void run()
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [client, early, nodeId, onError])

  useEffect(() => poke.current(), [stateKey])

  /** The pointer went down on a node: ask for it now, for the click that may follow. */
  const press = useCallback(
    (pressed: NodeSummary | undefined) => {
      if (pressed && pressed.id !== nodeId)
        early.ask(pressed.id, followedKeys(pressed, linksRef.current).state)
    },
    [early, nodeId],
  )

  /**
   * A node's state an action answered with (a mine request queues a block without a clock
   * passing: nothing in the overview changes to ask again). Shown only if that node is still
   * the one followed when the answer comes.
   */
  const show = useCallback((snapshot: NodeSnapshot) => {
    if (snapshot.id !== nodeIdRef.current) return
    shown.current++
    setNode(snapshot)
  }, [])

  return { node: node && node.id === nodeId ? node : null, tree, balances, press, show }
}
