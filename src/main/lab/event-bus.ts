import type { LabEventName, LabEvents } from '../../shared/lab-events'

type Listener<K extends LabEventName> = (payload: LabEvents[K]) => void

/** Typed publish/subscribe for what the main side pushes to the renderer and to SSE clients. */
export class EventBus {
  private readonly listeners = new Map<LabEventName, Set<Listener<LabEventName>>>()

  /** Subscribes; the returned function unsubscribes. */
  on<K extends LabEventName>(name: K, listener: Listener<K>): () => void {
    const set = this.listeners.get(name) ?? new Set()
    set.add(listener as Listener<LabEventName>)
    this.listeners.set(name, set)
    return () => set.delete(listener as Listener<LabEventName>)
  }

  hasListeners(name: LabEventName): boolean {
    return (this.listeners.get(name)?.size ?? 0) > 0
  }

  emit<K extends LabEventName>(name: K, payload: LabEvents[K]): void {
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        listener(payload)
      } catch (error) {
        // One broken subscriber (a closed socket, a destroyed window) must not stop the others.
        console.error(`[lab] a ${name} listener failed:`, error)
      }
    }
  }
}
