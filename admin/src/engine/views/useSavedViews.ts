import { useState } from 'react'
import { useCustom } from '@refinedev/core'
import type { SavedView } from '@creditdesk/contract/meta'
import { useHttp } from '../../providers/HttpContext'
import { API_URL } from '../../providers/http'

export type { SavedView }

const URL = `${API_URL}/saved-views`

/**
 * The caller's saved views of one list, and saving/deleting them. The list is fetched only once the
 * views menu is opened (nothing at mount), and lives under the data cache that sign-out clears.
 */
export function useSavedViews(resource: string, enabled: boolean) {
  const http = useHttp()
  const [busy, setBusy] = useState(false)
  const { query } = useCustom<SavedView[]>({
    url: URL,
    method: 'get',
    config: { query: { resource } },
    queryOptions: { enabled },
    errorNotification: false,
  })
  const run = async (request: () => Promise<unknown>) => {
    setBusy(true)
    try {
      await request()
      await query.refetch()
    } finally {
      setBusy(false)
    }
  }
  return {
    views: (query.data?.data ?? []) as unknown as SavedView[],
    loading: query.isLoading && enabled,
    error: query.error,
    busy,
    save: (name: string, viewQuery: string) => run(() => http.post(URL, { resource, name, query: viewQuery })),
    remove: (id: SavedView['id']) => run(() => http.delete(`${URL}/${id}`)),
  }
}
