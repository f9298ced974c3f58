/** SQLite's check of the lab's database file (`quick_check` at every start, `full` on demand). */
export interface DatabaseCheck {
  /** The database file checked. */
  readonly file: string
  /** quick: every page and record's structure; full: that too, and every index against its table. */
  readonly kind: 'quick' | 'full'
  readonly ok: boolean
  /** SQLite's words for the first problems found (at most 20); empty when ok. */
  readonly problems: readonly string[]
}

/**
 * Whether the lab is recording: `/api/network` answers it, the `recording` event carries each
 * change, the UI shows a banner while it is stopped.
 */
export type RecordingState =
  | { readonly state: 'recording'; readonly file: string; readonly runId: number | null }
  | {
      readonly state: 'stopped'
      readonly file: string
      /** Why, in the words of the failure (`database or disk is full`, `the writer thread exited…`). */
      readonly reason: string
      /** When it stopped (ISO time). */
      readonly since: string
      /** The run that was being recorded: kept up to its last written rows, marked interrupted. */
      readonly runId: number | null
    }
  /** The lab was started without a database (none to record into). */
  | { readonly state: 'off' }
