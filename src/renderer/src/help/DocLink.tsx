import nodeModel from '../../../../docs/node-model.md?raw'
import { docSections, type DocSection } from './doc-sections'
import './help.css'

const SECTIONS = docSections(nodeModel)

/** The section of docs/node-model.md of this slug (a typo fails the component tests). */
export function nodeModelSection(section: string): DocSection {
  const found = SECTIONS.get(section)
  if (!found) throw new Error(`docs/node-model.md has no section ${section}`)
  return found
}

/**
 * A link from a view to the part of docs/node-model.md it shows, opened in place: the app runs
 * offline and in a browser alike, so the text is bundled rather than fetched.
 */
export function DocLink({ section, children }: { section: string; children: React.ReactNode }) {
  const doc = nodeModelSection(section)
  return (
    <details className="doc-link">
      <summary>{children}</summary>
      <div className="doc-section" role="note" aria-label={`From the node model: ${doc.title}`}>
        <h4>{doc.title}</h4>
        {doc.body
          .split(/\n{2,}/)
          .map((para, i) =>
            para.startsWith('```') || para.startsWith('    ') || para.startsWith('|') ? (
              <pre key={i}>{para.replace(/^```\w*\n?|```$/g, '')}</pre>
            ) : (
              <p key={i}>{para.replace(/\n/g, ' ')}</p>
            ),
          )}
      </div>
    </details>
  )
}
