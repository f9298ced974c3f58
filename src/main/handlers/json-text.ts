/**
 * An answer already written as JSON, where it was made (a replay state, by the replay thread):
 * the transports send the text as it is, so the lab's thread neither copies the object across
 * threads nor serialises it again. `T` is what the text parses to.
 */
export class JsonText<T> {
  declare private readonly parsesTo?: T
  constructor(readonly text: string) {}
}

/** A handler's answer as a value: the text parsed, anything else as it is (IPC clones values). */
export function answerValue(answer: unknown): unknown {
  return answer instanceof JsonText ? (JSON.parse(answer.text) as unknown) : answer
}
