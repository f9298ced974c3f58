/** Hands a Blob to the browser's downloads under `name`, as a link with `download` would. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  // Some browsers read the URL after the click returns: let it live a while before freeing it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
