/** Vite's `?raw` suffix: the file's text, bundled. */
declare module '*.md?raw' {
  const text: string
  export default text
}
