import { vi } from 'vitest'

/** happy-dom lays nothing out: the log's scroller gets the size a browser would give it. */
export function sizeTheLogScroller(): void {
  for (const [name, size] of [
    ['clientHeight', 240],
    ['clientWidth', 600],
  ] as const) {
    let owner: object | null = HTMLElement.prototype
    while (owner && !Object.getOwnPropertyDescriptor(owner, name))
      owner = Object.getPrototypeOf(owner) as object | null
    const real = Object.getOwnPropertyDescriptor(owner!, name)!.get!
    vi.spyOn(HTMLElement.prototype, name, 'get').mockImplementation(function (this: HTMLElement) {
      return this.classList.contains('log-scroll') ? size : (real.call(this) as number)
    })
  }
}
