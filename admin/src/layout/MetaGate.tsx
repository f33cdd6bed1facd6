import { useEffect, type ReactNode } from 'react'
import { Button, Result, Spin } from 'antd'
import { useTranslation } from 'react-i18next'
import { useMetaState, useMetaStore } from '../meta/MetaContext'

/** Holds the signed-in screens until GET /api/admin/meta has answered. */
export function MetaGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const { status, meta, error } = useMetaState()
  const store = useMetaStore()
  useEffect(() => {
    if (!meta && status === 'idle') void store.load()
  }, [meta, status, store])
  if (meta) return <>{children}</>
  if (status === 'error') {
    return (
      <Result
        status="warning"
        title={t('pages.error.metaFailed')}
        subTitle={error}
        extra={<Button type="primary" onClick={() => void store.load()}>{t('buttons.retry')}</Button>}
      />
    )
  }
  return (
    <div className="cd-fullpage">
      <Spin size="large" tip={t('common.loading')}>
        <div style={{ width: 120, height: 80 }} />
      </Spin>
    </div>
  )
}
