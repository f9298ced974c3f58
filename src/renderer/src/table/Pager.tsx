import { useState } from 'react'
import './pager.css'

/**
 * A page of a long list and the controls to move between pages: tables of thousands of rows
 * (a large network's ports, a busy API log, many runs) draw one page, not all of them.
 */
export function usePage<T>(items: readonly T[], size: number) {
  const [page, setPage] = useState(0)
  const pages = Math.max(1, Math.ceil(items.length / size))
  // A list that shrank (a smaller network) keeps its last page in view.
  const current = Math.min(page, pages - 1)
  return {
    rows: items.slice(current * size, (current + 1) * size),
    page: current,
    pages,
    setPage,
    first: current * size,
  }
}

export function Pager({
  label,
  page,
  pages,
  total,
  setPage,
}: {
  label: string
  page: number
  pages: number
  total: number
  setPage: (page: number) => void
}) {
  if (pages <= 1) return null
  return (
    <div className="pager" role="navigation" aria-label={`${label} pages`}>
      <button
        onClick={() => setPage(0)}
        disabled={page === 0}
        aria-label={`first page of ${label}`}
      >
        «
      </button>
      <button
        onClick={() => setPage(page - 1)}
        disabled={page === 0}
        aria-label={`previous page of ${label}`}
      >
        ‹
      </button>
      <span>
        page {page + 1} of {pages} ({total.toLocaleString('en')})
      </span>
      <button
        onClick={() => setPage(page + 1)}
        disabled={page >= pages - 1}
        aria-label={`next page of ${label}`}
      >
        ›
      </button>
      <button
        onClick={() => setPage(pages - 1)}
        disabled={page >= pages - 1}
        aria-label={`last page of ${label}`}
      >
        »
      </button>
    </div>
  )
}
