import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import './notices.css'

/** How long a confirmation stays, in milliseconds. */
export const NOTICE_MS = 5_000

export interface Notice {
  readonly id: number
  readonly text: string
  readonly kind: 'done' | 'failed'
}

type Notify = (text: string, kind?: Notice['kind']) => void

const NotifyContext = createContext<Notify>(() => undefined)
/** Where a view's toolbar offers room for the confirmations (NoticeSlot). */
const SlotContext = createContext<(slot: HTMLElement | null) => void>(() => undefined)

/** Says that an action took effect (or failed), in the toolbar (or the corner), for a few seconds. */
export function useNotify(): Notify {
  return useContext(NotifyContext)
}

/**
 * Holds the app's confirmations: every action (mine, send, cut, heal, copy, branch, delete,
 * export, reset) answers with one, so a click that changes nothing visible still says it worked.
 */
export function NoticeProvider({ children }: { children: React.ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([])
  const next = useRef(1)
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>())
  useEffect(() => {
    const pending = timers.current
    return () => pending.forEach(clearTimeout)
  }, [])
  const [slot, setSlot] = useState<HTMLElement | null>(null)
  const notify = useCallback<Notify>((text, kind = 'done') => {
    const id = next.current++
    setNotices((now) => [...now.slice(-3), { id, text, kind }])
    const timer = setTimeout(() => {
      timers.current.delete(timer)
      setNotices((now) => now.filter((n) => n.id !== id))
    }, NOTICE_MS)
    timers.current.add(timer)
  }, [])
  const list = (
    <div className="notices" role="status" aria-live="polite" aria-label="Confirmations">
      {notices.map((n) => (
        <p key={n.id} className={`toast toast-${n.kind}`}>
          <span aria-hidden="true">{n.kind === 'done' ? '✓ ' : '✗ '}</span>
          {n.text}
        </p>
      ))}
    </div>
  )
  return (
    <NotifyContext.Provider value={notify}>
      <SlotContext.Provider value={setSlot}>
        {children}
        {slot ? createPortal(list, slot) : list}
      </SlotContext.Provider>
    </NotifyContext.Provider>
  )
}

/**
 * Room in a view's sticky toolbar for the confirmations: there they cover no content (in the
 * corner they hid the block tree), and stay in sight while the page scrolls. A view without one
 * (Runs, API, Experiments) has them in the corner.
 */
export function NoticeSlot() {
  const register = useContext(SlotContext)
  return <div className="notice-slot" ref={register} />
}
