import '@ant-design/v5-patch-for-react-19'
import '@refinedev/antd/dist/reset.css'
import 'virtual:antd-styles.css'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router'
import { createConsole } from './app/createConsole'
import { ConsoleProviders } from './app/ConsoleProviders'
import { ConsoleRoutes } from './app/ConsoleRoutes'

const deps = createConsole()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter basename="/admin">
      <ConsoleProviders deps={deps}>
        <ConsoleRoutes />
      </ConsoleProviders>
    </BrowserRouter>
  </StrictMode>,
)
