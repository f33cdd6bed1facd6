import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter } from 'react-router'
import { AxiosError, type InternalAxiosRequestConfig } from 'axios'
import { createHttpClient } from '../../src/providers/http'
import { createConsole } from '../../src/app/createConsole'
import { ConsoleProviders } from '../../src/app/ConsoleProviders'
import { ConsoleRoutes } from '../../src/app/ConsoleRoutes'
import { createI18n, type Language } from '../../src/i18n'
import type { AdminMeta } from '../../src/meta/types'

export interface RecordedRequest {
  method: string
  url: string
  path: string
  query: URLSearchParams
  body: unknown
  headers: Record<string, unknown>
}

export interface MockReply {
  status?: number
  data?: unknown
  headers?: Record<string, string>
}

export type MockRoute = [method: string, path: string | RegExp, reply: MockReply | ((req: RecordedRequest) => MockReply)]

/** An axios client whose adapter answers from `routes` and records every request (URL as sent). */
export function createMockHttp(routes: MockRoute[]) {
  const requests: RecordedRequest[] = []
  const http = createHttpClient()
  http.defaults.adapter = async (config: InternalAxiosRequestConfig) => {
    const url = config.url ?? ''
    const [path, qs = ''] = url.split('?')
    const req: RecordedRequest = {
      method: (config.method ?? 'get').toUpperCase(),
      url,
      path,
      query: new URLSearchParams(qs),
      body: typeof config.data === 'string' && config.data ? JSON.parse(config.data) : config.data,
      headers: config.headers?.toJSON() ?? {},
    }
    requests.push(req)
    const route = routes.find(([m, p]) => m === req.method && (typeof p === 'string' ? p === path : p.test(path)))
    const reply = route ? (typeof route[2] === 'function' ? route[2](req) : route[2]) : { status: 404, data: { message: `No mock for ${req.method} ${path}` } }
    const response = { data: reply.data ?? null, status: reply.status ?? 200, statusText: '', headers: reply.headers ?? {}, config, request: {} }
    if (response.status >= 400) throw new AxiosError(`Request failed with status ${response.status}`, 'ERR_BAD_RESPONSE', config, {}, response)
    return response
  }
  return { http, requests }
}

/** Renders the whole console (providers + routes) at `path`, signed in as meta.user. */
export function renderConsole({ meta, path, routes = [], lang = 'en' }: { meta: AdminMeta; path: string; routes?: MockRoute[]; lang?: Language }) {
  const { http, requests } = createMockHttp([
    ['GET', '/api/admin/auth/me', { data: { user: meta.user } }],
    ['GET', '/api/admin/meta', { data: meta }],
    ...routes,
  ])
  const deps = createConsole({ http, meta, i18n: createI18n(lang) })
  const view = render(
    <MemoryRouter initialEntries={[path]}>
      <ConsoleProviders deps={deps}>
        <ConsoleRoutes />
      </ConsoleProviders>
    </MemoryRouter>,
  )
  return { ...view, deps, requests, user: userEvent.setup() }
}

/** Requests to one API path (without query), in order. */
export const requestsTo = (requests: RecordedRequest[], method: string, path: string) =>
  requests.filter((r) => r.method === method && r.path === path)
