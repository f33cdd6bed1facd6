import { LockOutlined, MailOutlined } from '@ant-design/icons'
import { Alert, App, Button, Form, Input } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router'
import { toApiError } from '../api/client'
import * as api from '../api/portal'
import { useAuth } from '../auth/AuthContext'
import { AuthCard } from '../components/AuthCard'
import { useCountdown } from '../components/useCountdown'
import { PRODUCT_NAME } from '../config'
import { useDocumentTitle } from '../hooks'
import { handleFormError } from '../lib/formErrors'
import { safeRedirect } from '../lib/redirect'
import type { LoginNotice } from './ResetPasswordPage'

interface LoginValues {
  email: string
  password: string
}

export function LoginPage() {
  const { t } = useTranslation()
  const [form] = Form.useForm<LoginValues>()
  const { setUser, endReason } = useAuth()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const to = params.get('to')
  const notice = (useLocation().state as LoginNotice | null)?.notice
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const throttle = useCountdown()
  useDocumentTitle(t('login.title'))

  const onFinish = async (values: LoginValues) => {
    setSubmitting(true)
    setError(null)
    throttle.clear()
    try {
      const user = await api.login({ email: values.email.trim(), password: values.password })
      setUser(user)
      void message.success(t('login.success'))
      navigate(safeRedirect(to), { replace: true })
    } catch (err) {
      const e = toApiError(err)
      if (e.status === 429 && e.retryAfter) throttle.start(e.retryAfter)
      setError(handleFormError(form, e, ['email', 'password'], t))
    } finally {
      setSubmitting(false)
    }
  }

  const throttled = throttle.secondsLeft > 0
  const alertText = throttled ? t('errors.tooMany', { count: throttle.secondsLeft }) : error
  const keep = to ? `?to=${encodeURIComponent(to)}` : ''

  return (
    <AuthCard
      title={t('login.title')}
      subtitle={t('login.subtitle', { product: PRODUCT_NAME })}
      footer={
        <>
          {t('login.noAccount', { product: PRODUCT_NAME })} <Link to={`/register${keep}`}>{t('login.register')}</Link>
        </>
      }
    >
      {notice === 'passwordReset' && !alertText && (
        <Alert type="success" showIcon message={t('login.passwordReset')} className="cd-form-alert" role="status" />
      )}
      {endReason === 'expired' && !alertText && notice !== 'passwordReset' && <Alert type="info" showIcon message={t('errors.sessionExpired')} className="cd-form-alert" />}
      {alertText && <Alert type="error" showIcon message={alertText} className="cd-form-alert" role="alert" />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={submitting} size="large">
        <Form.Item
          name="email"
          label={t('fields.email')}
          rules={[
            { required: true, whitespace: true, message: t('validation.emailRequired') },
            { type: 'email', message: t('validation.emailInvalid') },
          ]}
        >
          <Input prefix={<MailOutlined />} autoComplete="email" placeholder={t('fields.emailPlaceholder')} autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('fields.password')} rules={[{ required: true, message: t('validation.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting} disabled={throttled}>
          {t('login.submit')}
        </Button>
      </Form>
    </AuthCard>
  )
}
