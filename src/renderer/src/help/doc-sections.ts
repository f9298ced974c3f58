/** The slug a heading gets, as GitHub makes it: "Links coming up" → "links-coming-up". */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-')
}

export interface DocSection {
  readonly slug: string
  readonly title: string
  /** The section's text up to the next heading of its level or above, subsections included. */
  readonly body: string
}

/** Splits a markdown document into its sections, so a view can show the one it illustrates. */
export function docSections(markdown: string): Map<string, DocSection> {
  const lines = markdown.split('\n')
  const heads: { at: number; level: number; title: string }[] = []
  lines.forEach((line, at) => {
    const m = /^(#{1,6}) (.+)$/.exec(line)
    if (m) heads.push({ at, level: m[1]!.length, title: m[2]! })
  })
  const sections = new Map<string, DocSection>()
  heads.forEach((head, i) => {
    const end = heads.slice(i + 1).find((h) => h.level <= head.level)?.at ?? lines.length
    const body = lines
      .slice(head.at + 1, end)
      .join('\n')
      .trim()
    sections.set(slug(head.title), { slug: slug(head.title), title: head.title, body })
  })
  return sections
}
