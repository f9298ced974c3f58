import { describe, expect, it } from 'vitest'
import nodeModel from '../../../docs/node-model.md?raw'
import { docSections, slug } from '../../../src/renderer/src/help/doc-sections'

describe("the node model's sections, for the views that link to them", () => {
  it('slugs headings as GitHub anchors them', () => {
    expect(slug('Links coming up')).toBe('links-coming-up')
    expect(slug('Forks and the longest chain')).toBe('forks-and-the-longest-chain')
  })

  it('gives a section with its subsections, up to the next heading of its level', () => {
    const sections = docSections(nodeModel)
    const links = sections.get('links-and-partitions')!
    expect(links.title).toBe('Links and partitions')
    expect(links.body).toContain('### Links coming up')
    expect(links.body).not.toContain('## Events')
    expect(sections.get('links-coming-up')!.body).not.toContain('Links and partitions')
  })
})
