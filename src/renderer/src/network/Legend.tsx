import { NODE_STATUSES } from '../../../shared/engine-terms'
import { DocLink } from '../help/DocLink'
import { Term } from '../help/Term'
import { STATUS_LETTERS } from './node-words'
import './legend.css'

/** What the graph's colours, letters and marks mean (the live view's and the replay's). */
export function Legend() {
  return (
    <>
      <ul className="legend">
        {NODE_STATUSES.map((status) => (
          <li key={status}>
            <span className={`swatch status-${status}`} />{' '}
            <b className="status-letter">{STATUS_LETTERS[status]}</b> {status}
          </li>
        ))}
        <li>
          <span className="swatch cut" /> cut link
        </li>
        <li>
          <span className="swatch message-dot message-NEW_BLOCK" /> a block on its way
        </li>
        <li>
          <span className="swatch message-dot message-NEW_TX" /> a transaction on its way
        </li>
        <li>
          <Term term="t/h">t12 h3</Term>: the node's clock and its chain's height
        </li>
      </ul>
      <DocLink section="clocks-and-activities">what the statuses mean</DocLink>
    </>
  )
}
