/** An entry of a node's context menu in the graph (NodeNavigator). */
export interface NodeMenuItem {
  label: string
  run: () => void
}
