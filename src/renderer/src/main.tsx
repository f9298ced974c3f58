// First, before any other module is evaluated: the requests the page opens with.
import './transport/open-early'
// The base sheet first: each feature's own sheet, imported by its component, comes after it.
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { createLabClient } from './transport/lab-client'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')
createRoot(root).render(
  <StrictMode>
    <App client={createLabClient()} />
  </StrictMode>,
)
