/** Vite's `?raw` suffix: the file's text, bundled. */
declare module '*.md?raw' {
  const text: string
  export default text
}

/** The same for a JSON file (a scenario), parsed and checked where it is used. */
declare module '*.json?raw' {
  const text: string
  export default text
}
