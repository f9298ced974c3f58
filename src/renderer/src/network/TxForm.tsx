import { useState, type FormEvent } from 'react'
import type { TxResult } from '../../../shared/api-types'
import './node-details.css'

interface Props {
  node: string
  accounts: readonly string[]
  send: (tx: { sender: string; recipient: string; value: number }) => Promise<TxResult>
}

/** Sends a transaction to a node; the API's refusal is shown inline, under the form. */
export function TxForm({ node, accounts, send }: Props) {
  const [sender, setSender] = useState(accounts[0] ?? '')
  const [recipient, setRecipient] = useState(accounts[1] ?? accounts[0] ?? '')
  const [value, setValue] = useState('1')
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setMessage(null)
    try {
      const result = await send({ sender, recipient, value: Number(value) })
      setMessage(
        result.result === 'success'
          ? {
              ok: true,
              text: `Sent: ${node} receives it at its next free clock (id ${result.tx.id}).`,
            }
          : { ok: false, text: result.reason },
      )
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) })
    }
  }
  return (
    <form className="tx-form" onSubmit={submit} aria-label={`Send a transaction to ${node}`}>
      <h4>Send a transaction to {node}</h4>
      <div className="row">
        <select aria-label="sender" value={sender} onChange={(e) => setSender(e.target.value)}>
          {accounts.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
        <span>→</span>
        <select
          aria-label="recipient"
          value={recipient}
          onChange={(e) => setRecipient(e.target.value)}
        >
          {accounts.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
        <input
          aria-label="value"
          className="value"
          inputMode="numeric"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit">Send</button>
      </div>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
    </form>
  )
}
