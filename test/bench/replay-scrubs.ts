/**
 * How the replay benches scrub a recorded run, as a person looking for a moment does: the UI's
 * (`npm run bench -- ui-replay`, `ui`) and the model without a page
 * (`scripts/bench-replay-scrub.ts --model`) alike, so their figures speak of the same scrubs.
 *
 * Where the scrubs start: the end (as Open then End leaves it), then jumps back and forth as a
 * click on a chart makes them, each a fraction of the run. After each, SCRUBS_PER_JUMP clocks
 * back one at a time: the first clock back after a jump is the slow case (the jump's rebuild,
 * and after the open the log and the overview, still under way).
 */
export const JUMPS = [1, 0.6, 0.3, 0.85]
export const SCRUBS_PER_JUMP = 5
/** Then clocks forward one at a time, back over the last ones (a change of direction). */
export const FORWARD_PER_JUMP = 2
