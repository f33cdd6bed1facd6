import type { TablePaginationConfig } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { toApiError } from '../api/client'
import { describeError } from '../lib/formErrors'

export const LIST_PAGE_SIZES = [10, 20, 50, 100]
const DEFAULT_PAGE_SIZE = 20

export interface ServerPage<T> {
  rows: T[]
  total: number
}

/**
 * A server-paged list (`_start`/`_end`, total from X-Total-Count): loads `load({ start, end })` whenever the page,
 * the page size, `deps` or the reload key change, keeps only the latest answer, and jumps to the last page with
 * rows when the list shrank under us. Filters reset the page with `setPage(1)`.
 */
export function useServerList<T>(load: (window: { start: number; end: number }) => Promise<ServerPage<T>>, deps: readonly unknown[]) {
  const { t } = useTranslation()
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE)
  const [rows, setRows] = useState<T[]>([])
  const [total, setTotal] = useState(0)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  /** the HTTP status of the failure (403: the acting role may not read this list) */
  const [errorStatus, setErrorStatus] = useState<number | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const latest = useRef(0)

  useEffect(() => {
    const id = ++latest.current
    setLoading(true)
    setError(null)
    setErrorStatus(null)
    load({ start: (page - 1) * pageSize, end: page * pageSize })
      .then((result) => {
        if (id !== latest.current) return
        // The list shrank under us (e.g. a refresh): go to the last page that has rows.
        if (result.rows.length === 0 && page > 1 && result.total > 0) {
          setPage(Math.max(1, Math.ceil(result.total / pageSize)))
          return
        }
        setRows(result.rows)
        setTotal(result.total)
      })
      .catch((err: unknown) => {
        if (id !== latest.current) return
        setError(describeError(err, t))
        setErrorStatus(toApiError(err).status)
      })
      .finally(() => {
        if (id === latest.current) setLoading(false)
      })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `load` and `t` change every render; `deps` say when to refetch
  }, [page, pageSize, reloadKey, ...deps])

  const reload = () => setReloadKey((k) => k + 1)

  const onTableChange = (pagination: TablePaginationConfig) => {
    const size = pagination.pageSize ?? pageSize
    if (size !== pageSize) {
      setPageSize(size)
      setPage(1)
    } else {
      setPage(pagination.current ?? 1)
    }
  }

  /** The table's pagination: current page, size changer and a "from–to of count" line. */
  const pagination = (showTotal: (count: number, range: [number, number]) => string, pageSizeOptions = LIST_PAGE_SIZES): TablePaginationConfig => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions,
    showTotal,
    hideOnSinglePage: false,
  })

  return { page, setPage, pageSize, rows, total, loading, error, errorStatus, reload, onTableChange, pagination }
}
