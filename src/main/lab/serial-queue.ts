/**
 * Runs async jobs one at a time, in the order they were queued. Commands and queries reach the
 * network host through it, so a query never sees a command half applied and the recorded command
 * order is the order they took effect.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(job: () => Promise<T>): Promise<T> {
    const next = this.tail.then(job, job)
    this.tail = next.catch(() => undefined)
    return next
  }
}
