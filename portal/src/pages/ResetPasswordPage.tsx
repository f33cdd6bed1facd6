import { Alert, App, Button, Form, Result } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { toApiError } from '../api/client'
import * as api from '../api/portal'
import { useAuth } from '../auth/AuthContext'
import { AuthCard } from '../components/AuthCard'
import { NewPasswordFields } from '../components/NewPasswordFields'
import { useCountdown } from '../components/useCountdown'
import { useDocumentTitle } from '../hooks'
import { handleFormError } from '../lib/formErrors'

interface ResetValues {
  password: string
  password_confirmation: string
}

/** Location state the login page reads to say the password was changed. */
export interface LoginNotice {
  notice?: 'passwordReset'
}

/**
 * /reset-password?token=… — the one-time link support gives a customer. Public (works signed in or out); the
 * token is sent as is, the server says whether it is still valid.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation()
  const [params] = useSearchParams()
  const token = params.get('token')?.trim() ?? ''
  const { user, setUser } = useAuth()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [form] = Form.useForm<ResetValues>()
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [tokenError, setTokenError] = useState<string | null>(null)
  const throttle = useCountdown()
  useDocumentTitle(t('reset.title'))

  // When a signed-in customer opens the link, their email is known and the "not your email" rule can be checked.
  const email = user?.email ?? null

  const onFinish = async (values: ResetValues) => {
    setSubmitting(true)
    setError(null)
    throttle.clear()
    try {
      await api.resetPassword({ token, password: values.password })
      // The server ended every session of this account, this browser's included.
      if (user) setUser(null)
      void message.success(t('reset.success'))
      navigate('/login', { replace: true, state: { notice: 'passwordReset' } satisfies LoginNotice })
    } catch (err) {
      const e = toApiError(err)
      const tokenProblem = e.fieldErrors.find((f) => f.field.replace(/^body\./, '') === 'token')
      if (tokenProblem) {
        setTokenError(tokenProblem.message)
        return
      }
      if (e.status === 429 && e.retryAfter) throttle.start(e.retryAfter)
      setError(handleFormError(form, e, ['password', 'password_confirmation'], t))
    } finally {
      setSubmitting(false)
    }
  }

  const backToLogin = (
    <Link to="/login">
      <Button type="primary">{t('reset.backToLogin')}</Button>
    </Link>
  )

  if (!token || tokenError) {
    return (
      <AuthCard title={t('reset.title')}>
        <Result
          status="warning"
          className="cd-compact-result"
          title={token ? t('reset.invalidTitle') : t('reset.missingTitle')}
          subTitle={
            <div role="alert">
              {tokenError && <p className="cd-result-detail">{tokenError}</p>}
              <p className="cd-result-detail">{token ? t('reset.invalidText') : t('reset.missingText')}</p>
            </div>
          }
          extra={backToLogin}
        />
      </AuthCard>
    )
  }

  const throttled = throttle.secondsLeft > 0
  const alertText = throttled ? t('errors.tooMany', { count: throttle.secondsLeft }) : error

  return (
    <AuthCard
      title={t('reset.title')}
      subtitle={t('reset.subtitle')}
      footer={<Link to="/login">{t('reset.backToLogin')}</Link>}
    >
      {alertText && <Alert type="error" showIcon message={alertText} className="cd-form-alert" role="alert" />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={submitting} size="large">
        <NewPasswordFields
          hintsId="reset-password-hints"
          label={t('fields.newPassword')}
          requiredMessage={t('validation.newPasswordRequired')}
          confirmLabel={t('fields.confirmNewPassword')}
          email={email}
          autoFocus
        />
        <Alert type="info" showIcon role="note" message={t('reset.sessionsNote')} className="cd-form-alert" />
        <Button type="primary" htmlType="submit" block loading={submitting} disabled={throttled}>
          {t('reset.submit')}
        </Button>
      </Form>
    </AuthCard>
  )
}
