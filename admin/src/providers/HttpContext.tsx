import { createContext, useContext, type ReactNode } from 'react'
import type { AxiosInstance } from 'axios'

const HttpContext = createContext<AxiosInstance | null>(null)

/** Gives components the same axios instance (cookies, CSRF, error mapping) the data provider uses. */
export function HttpProvider({ client, children }: { client: AxiosInstance; children: ReactNode }) {
  return <HttpContext.Provider value={client}>{children}</HttpContext.Provider>
}

export function useHttp(): AxiosInstance {
  const client = useContext(HttpContext)
  if (!client) throw new Error('useHttp outside <HttpProvider>')
  return client
}
