import { Alert, Button, Result } from 'antd'
import { useTranslation } from 'react-i18next'

type FailedQuery = { isError: boolean; error?: { message?: string; statusCode?: number } | null; refetch: () => unknown }

/** A list request that failed: the server's message above the table, with a retry. Nothing when it did not fail. */
export function ListError({ query }: { query: FailedQuery }) {
  const { t } = useTranslation()
  if (!query.isError) return null
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={query.error?.message}
      action={<Button size="small" onClick={() => query.refetch()}>{t('buttons.retry')}</Button>}
    />
  )
}

/** A record that could not be loaded: 404 when it does not exist, the server's message otherwise. */
export function RecordError({ error }: { error?: { message?: string; statusCode?: number } | null }) {
  return <Result status={error?.statusCode === 404 ? '404' : 'error'} title={error?.statusCode} subTitle={error?.message} />
}
