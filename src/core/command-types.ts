import type { Transaction, TransferRequest, TxRefusal } from './chain/transaction'

/**
 * Everything a controller can ask of a network, as data. A run is its config plus the commands it
 * received, in order: replaying them into a fresh network reproduces every event.
 */
export type Command =
  | { readonly type: 'start'; readonly node?: string }
  | { readonly type: 'reset'; readonly node?: string }
  /** Starts a node afresh: reset, then started (the legacy dialect's `start`). */
  | { readonly type: 'restart'; readonly node: string }
  | { readonly type: 'mine'; readonly node: string }
  | { readonly type: 'submit-tx'; readonly node: string; readonly tx: TransferRequest }
  | { readonly type: 'step-node'; readonly node: string; readonly clock: number }
  | { readonly type: 'step'; readonly clocks: number }
  | { readonly type: 'cut-link'; readonly a: string; readonly b: string }
  | { readonly type: 'heal-link'; readonly a: string; readonly b: string }
  | { readonly type: 'add-link'; readonly a: string; readonly b: string }
  | { readonly type: 'remove-link'; readonly a: string; readonly b: string }
  | { readonly type: 'clear-peers'; readonly node: string }
  /** Turns automatic mining on (a block every `interval` clocks, network-wide) or off (null). */
  | { readonly type: 'set-auto-mine'; readonly interval: number | null }
  /** Turns the transaction workload on (`rate` transfers per clock) or off (null). */
  | { readonly type: 'set-workload'; readonly rate: number | null }

export type CommandType = Command['type']

/** What a command answers; only a transfer has something to say. */
export type CommandResult = SubmitResult | null

/** What a controller's transfer answers. */
export type SubmitResult =
  | { readonly ok: true; readonly tx: Transaction }
  | { readonly ok: false; readonly reason: TxRefusal }
