import { Button, Result, Spin } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useAuth } from '../auth/AuthContext'
import { describeError } from '../lib/formErrors'

export function FullPageSpin() {
  const { t } = useTranslation()
  return (
    <div className="cd-center" role="status" aria-live="polite">
      <Spin size="large" tip={t('common.loading')}>
        <div style={{ width: 120, height: 80 }} />
      </Spin>
    </div>
  )
}

/** /auth/me failed for a reason other than 401 (server down, network). */
export function BootError() {
  const { t } = useTranslation()
  const { error, refresh } = useAuth()
  return (
    <div className="cd-center">
      <Result
        status="warning"
        title={t('errors.loadFailed')}
        subTitle={describeError(error, t)}
        extra={
          <Button type="primary" onClick={() => void refresh()}>
            {t('common.retry')}
          </Button>
        }
      />
    </div>
  )
}

export function NotFound() {
  const { t } = useTranslation()
  return (
    <Result
      status="404"
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFoundText')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  )
}
