import { DocLink } from './DocLink'
import { GLOSSARY } from './glossary'
import './help.css'

/** Every word the lab uses, explained (closed until asked for). */
export function Glossary() {
  return (
    <details className="card glossary">
      <summary>
        <strong>Glossary</strong>: the words and abbreviations used here
      </summary>
      <dl className="facts">
        {Object.entries(GLOSSARY).map(([term, meaning]) => (
          <div key={term} className="glossary-entry">
            <dt>
              <dfn>{term}</dfn>
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
      <DocLink section="the-node-model">the node model, in full</DocLink>
    </details>
  )
}
