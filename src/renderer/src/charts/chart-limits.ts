/**
 * Up to this many nodes, a line per node with a legend; beyond, lines are unreadable anyway,
 * and the charts show the whole network's summary and the nodes picked.
 */
export const MAX_LINES = 8
/** How many picked nodes a large network's charts follow by name. */
export const PICKED = 5
