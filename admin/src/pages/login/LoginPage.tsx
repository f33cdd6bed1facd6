import { useEffect, useState } from 'react'
import { useIsAuthenticated, useLogin, useNotification } from '@refinedev/core'
import { Navigate, useLocation } from 'react-router'
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd'
import { LockOutlined, MailOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { Logo } from '../../layout/Logo'
import { LanguageSwitch } from '../../layout/LanguageSwitch'
import { describeLoginError, type LoginFailure } from './loginError'
import { safeRedirectTarget } from '../../providers/authProvider'

interface Credentials {
  email: string
  password: string
}

/**
 * Staff sign-in. Errors are shown inline; a 429 lockout counts down and disables the button.
 * Not wrapped in <Authenticated>: its re-check after a failed attempt would remount the page and
 * lose the error. An already signed-in visitor is sent on to ?to= instead.
 */
export function LoginPage() {
  const { t } = useTranslation()
  const { search } = useLocation()
  const { data: auth } = useIsAuthenticated()
  const { close } = useNotification()
  const { mutate: login, isPending } = useLogin<Credentials>()
  const [failure, setFailure] = useState<LoginFailure | null>(null)
  const [secondsLeft, setSecondsLeft] = useState(0)

  useEffect(() => {
    if (secondsLeft <= 0) return
    const timer = setTimeout(() => setSecondsLeft((s) => s - 1), 1000)
    return () => clearTimeout(timer)
  }, [secondsLeft])

  const onFinish = (values: Credentials) => {
    setFailure(null)
    login(values, {
      onSuccess: (data) => {
        if (data.success) return
        close?.('login-error')
        const error = (data.error ?? {}) as LoginFailure
        setFailure(error)
        if (error.statusCode === 429 && error.retryAfter) setSecondsLeft(Math.ceil(error.retryAfter))
      },
    })
  }

  const locked = failure?.statusCode === 429 && secondsLeft > 0
  if (auth?.authenticated && !isPending) return <Navigate to={safeRedirectTarget(search)} replace />
  return (
    <div className="cd-login">
      <div className="cd-login-lang"><LanguageSwitch /></div>
      <Card className="cd-login-card" variant="borderless">
        <Space direction="vertical" size={4} style={{ width: '100%', marginBottom: 24 }} align="center">
          <Logo size={40} />
          <Typography.Title level={3} style={{ margin: '12px 0 0' }}>{t('pages.login.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('pages.login.subtitle')}</Typography.Text>
        </Space>
        {failure && (
          <Alert
            role="alert"
            type={failure.statusCode === 429 ? 'warning' : 'error'}
            showIcon
            style={{ marginBottom: 16 }}
            message={describeLoginError(failure, t, failure.statusCode === 429 ? secondsLeft : undefined)}
          />
        )}
        <Form<Credentials> layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
          <Form.Item
            name="email"
            label={t('pages.login.fields.email')}
            rules={[
              { required: true, message: t('pages.login.errors.requiredEmail') },
              { type: 'email', message: t('pages.login.errors.validEmail') },
            ]}
          >
            <Input prefix={<MailOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('pages.login.fields.password')} rules={[{ required: true, message: t('pages.login.errors.requiredPassword') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={isPending} disabled={locked}>
            {t('pages.login.signin')}
          </Button>
        </Form>
      </Card>
    </div>
  )
}
