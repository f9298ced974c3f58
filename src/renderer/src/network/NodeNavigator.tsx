import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { LinkSummary, NodeSummary } from '../../../shared/api-types'
import type { NodeMenuItem } from './node-menu'
import { nodeWords, STATUS_LETTERS } from './node-words'
import './node-navigator.css'

/** What the context menu of a node offers; each is left out when not given (the replay's graph). */
export interface NodeActions {
  onMine?: (node: string) => void
  /** Brings up the transaction form of the node. */
  onSend?: (node: string) => void
  onLink?: (link: LinkSummary) => void
  /** A view's own actions on the node, after those above (the replay's: see its menu). */
  moreActions?: (node: string) => readonly NodeMenuItem[]
}

interface Props extends NodeActions {
  nodes: readonly NodeSummary[]
  links: readonly LinkSummary[]
  selected: string | null
  onSelect?: (node: string) => void
  /** The node the keyboard is on, for the drawn graph to highlight (null when focus leaves). */
  onActive?: (node: string | null) => void
}

/**
 * How many nodes around the active one are in the DOM: the list is read one node at a time, and
 * 10,000 options would cost more than the graph. Each option says its place (aria-posinset).
 */
const AROUND = 5
/** How far Page Up and Page Down move. */
const PAGE = 10

/**
 * The graph's nodes for the keyboard and screen readers, which cannot reach into WebGL: one tab
 * stop (a listbox) where the arrow keys move from node to node, Enter selects, and the
 * context-menu key or Shift+F10 offers mine, send and cut/heal of the node's links.
 */
export function NodeNavigator({
  nodes,
  links,
  selected,
  onSelect,
  onActive,
  onMine,
  onSend,
  onLink,
  moreActions,
}: Props) {
  const list = useRef<HTMLDivElement>(null)
  // Option ids unique on the page: the live view's graph and a replay's may both be mounted.
  const prefix = useId()
  const [active, setActive] = useState(0)
  const [menuOpen, setMenuOpen] = useState(false)
  const [focused, setFocused] = useState(false)
  const index = Math.min(active, Math.max(0, nodes.length - 1))
  const current = nodes[index]

  // A selection made elsewhere (a click on the graph, find) moves the keyboard there too.
  useEffect(() => {
    if (!selected) return
    const at = nodes.findIndex((n) => n.id === selected)
    if (at >= 0) setActive(at)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new selection moves it
  }, [selected])

  useEffect(() => {
    onActive?.(focused && current ? current.id : null)
  }, [focused, current?.id, onActive]) // eslint-disable-line react-hooks/exhaustive-deps

  const items = useMemo((): NodeMenuItem[] => {
    if (!menuOpen || !current) return []
    const id = current.id
    const out: NodeMenuItem[] = []
    if (onMine) out.push({ label: `Mine on ${id}`, run: () => onMine(id) })
    if (onSend) out.push({ label: `Send a transaction to ${id}…`, run: () => onSend(id) })
    if (onLink)
      for (const link of links) {
        if (link.a !== id && link.b !== id) continue
        const peer = link.a === id ? link.b : link.a
        out.push({
          label: `${link.up ? 'Cut' : 'Heal'} the link ${id} — ${peer}`,
          run: () => onLink({ ...link, a: id, b: peer }),
        })
      }
    if (moreActions) out.push(...moreActions(id))
    return out
  }, [menuOpen, current, links, onMine, onSend, onLink, moreActions])

  if (nodes.length === 0 || !current) return null

  const move = (to: number) => setActive(Math.max(0, Math.min(nodes.length - 1, to)))
  const onKeyDown = (e: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(index + 1),
      ArrowRight: () => move(index + 1),
      ArrowUp: () => move(index - 1),
      ArrowLeft: () => move(index - 1),
      Home: () => move(0),
      End: () => move(nodes.length - 1),
      PageDown: () => move(index + PAGE),
      PageUp: () => move(index - PAGE),
      Enter: () => onSelect?.(current.id),
      ' ': () => onSelect?.(current.id),
      ContextMenu: () => setMenuOpen(true),
    }
    const key = e.key === 'F10' && e.shiftKey ? 'ContextMenu' : e.key
    const action = keys[key]
    if (!action) return
    // The live view's own keys (space plays, → steps) are not meant while moving among nodes.
    e.preventDefault()
    e.stopPropagation()
    action()
  }

  const closeMenu = () => {
    setMenuOpen(false)
    list.current?.focus()
  }
  const optionId = (id: string) => `${prefix}-node-${id}`
  const first = Math.max(0, index - AROUND)
  const shown = nodes.slice(first, index + AROUND + 1)

  return (
    <div
      className={focused || menuOpen ? 'node-nav' : 'node-nav sr-only'}
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false)
      }}
    >
      <div
        ref={list}
        role="listbox"
        tabIndex={0}
        aria-label="Nodes of the graph: arrow keys move, Enter selects, Shift+F10 for actions"
        aria-activedescendant={optionId(current.id)}
        onKeyDown={onKeyDown}
        onContextMenu={(e) => {
          e.preventDefault()
          setMenuOpen(true)
        }}
      >
        {shown.map((n, i) => (
          <div
            key={n.id}
            id={optionId(n.id)}
            role="option"
            aria-selected={n.id === selected}
            aria-posinset={first + i + 1}
            aria-setsize={nodes.length}
            aria-label={nodeWords(n)}
            className={n.id === current.id ? 'node-option active' : 'node-option'}
            onClick={() => {
              setActive(first + i)
              onSelect?.(n.id)
            }}
          >
            <span className={`letter status-${n.status}`}>{STATUS_LETTERS[n.status]}</span> {n.id} h
            {n.height}
          </div>
        ))}
      </div>
      {menuOpen && <NodeMenu node={current.id} items={items} onClose={closeMenu} />}
    </div>
  )
}

function NodeMenu({
  node,
  items,
  onClose,
}: {
  node: string
  items: readonly NodeMenuItem[]
  onClose: () => void
}) {
  const menu = useRef<HTMLDivElement>(null)
  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
  }, [])
  const onKeyDown = (e: KeyboardEvent) => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const at = entries.indexOf(document.activeElement as HTMLElement)
    const go = (i: number) => entries[(i + entries.length) % entries.length]?.focus()
    const keys: Record<string, () => void> = {
      ArrowDown: () => go(at + 1),
      ArrowUp: () => go(at - 1),
      Home: () => go(0),
      End: () => go(entries.length - 1),
      Escape: onClose,
      Tab: onClose,
    }
    const action = keys[e.key]
    if (!action) return
    e.preventDefault()
    e.stopPropagation()
    action()
  }
  return (
    <div
      ref={menu}
      role="menu"
      aria-label={`Actions on ${node}`}
      className="node-menu"
      onKeyDown={onKeyDown}
    >
      {items.length === 0 ? (
        <p>Nothing to do on {node} here.</p>
      ) : (
        items.map((item) => (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => {
              onClose()
              item.run()
            }}
          >
            {item.label}
          </button>
        ))
      )}
    </div>
  )
}
