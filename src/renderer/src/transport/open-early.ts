import { requestEarly } from './early-requests'

// In a browser, the live view's first question (the network's overview, see LiveLab.start) is
// asked now, while the rest of the page's script is evaluated. The desktop app's window asks
// its bridge (window.chainLab), which answers without a server's wait.
if (!window.chainLab) requestEarly('/api/network')
