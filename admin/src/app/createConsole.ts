import type { AxiosInstance } from 'axios'
import type { i18n as I18n } from 'i18next'
import { QueryClient } from '@tanstack/react-query'
import { createHttpClient } from '../providers/http'
import { createMetaStore, type MetaStore } from '../meta/metaStore'
import { createI18n } from '../i18n'
import type { AdminMeta } from '../meta/types'

/** Everything the console needs that lives outside React; tests build one with fixtures. */
export interface ConsoleDeps {
  http: AxiosInstance
  metaStore: MetaStore
  i18n: I18n
  queryClient: QueryClient
}

export function createConsole(options: { http?: AxiosInstance; meta?: AdminMeta; i18n?: I18n } = {}): ConsoleDeps {
  const http = options.http ?? createHttpClient()
  return {
    http,
    metaStore: createMetaStore(http, options.meta),
    i18n: options.i18n ?? createI18n(),
    queryClient: new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: false } } }),
  }
}
