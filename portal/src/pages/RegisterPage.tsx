import { MailOutlined, UserOutlined } from '@ant-design/icons'
import { Alert, Button, Form, Input, Result } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { toApiError } from '../api/client'
import * as api from '../api/portal'
import { AuthCard } from '../components/AuthCard'
import { NewPasswordFields } from '../components/NewPasswordFields'
import { useCountdown } from '../components/useCountdown'
import { NICKNAME_MAX } from '../config'
import { useDocumentTitle } from '../hooks'
import { handleFormError } from '../lib/formErrors'

interface RegisterValues {
  email: string
  nickname?: string
  password: string
  password_confirmation: string
}

export function RegisterPage() {
  const { t } = useTranslation()
  const [form] = Form.useForm<RegisterValues>()
  const email = Form.useWatch('email', form) ?? ''
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const to = params.get('to')
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // the server answers a new and an already registered address alike (no account enumeration):
  // say what happens next in both cases, and let the customer sign in
  const [done, setDone] = useState(false)
  const throttle = useCountdown()
  useDocumentTitle(t('register.title'))

  const onFinish = async (values: RegisterValues) => {
    setSubmitting(true)
    setError(null)
    throttle.clear()
    try {
      const nickname = values.nickname?.trim()
      await api.register({
        email: values.email.trim(),
        password: values.password,
        ...(nickname ? { nickname } : {}),
      })
      setDone(true)
    } catch (err) {
      const e = toApiError(err)
      if (e.status === 429 && e.retryAfter) throttle.start(e.retryAfter)
      setError(handleFormError(form, e, ['email', 'nickname', 'password', 'password_confirmation'], t))
    } finally {
      setSubmitting(false)
    }
  }

  const throttled = throttle.secondsLeft > 0
  const alertText = throttled ? t('errors.tooMany', { count: throttle.secondsLeft }) : error
  const keep = to ? `?to=${encodeURIComponent(to)}` : ''

  if (done) {
    return (
      <AuthCard title={t('register.title')}>
        <Result
          status="success"
          title={t('register.checkEmailTitle')}
          subTitle={t('register.checkEmailText')}
          extra={
            <Button type="primary" onClick={() => navigate(`/login${keep}`)}>
              {t('register.signInNow')}
            </Button>
          }
        />
      </AuthCard>
    )
  }

  return (
    <AuthCard
      title={t('register.title')}
      subtitle={t('register.subtitle')}
      footer={
        <>
          {t('register.haveAccount')} <Link to={`/login${keep}`}>{t('register.login')}</Link>
        </>
      }
    >
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
        <Form.Item
          name="nickname"
          label={
            <span>
              {t('fields.nickname')} <span className="cd-optional">({t('common.optional')})</span>
            </span>
          }
          rules={[{ max: NICKNAME_MAX, message: t('validation.nicknameTooLong', { max: NICKNAME_MAX }) }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="nickname" placeholder={t('fields.nicknamePlaceholder')} />
        </Form.Item>
        <NewPasswordFields
          hintsId="register-password-hints"
          label={t('fields.password')}
          requiredMessage={t('validation.passwordRequired')}
          confirmLabel={t('fields.confirmPassword')}
          email={email}
          emailField="email"
          dependencies={['email']}
        />
        <Button type="primary" htmlType="submit" block loading={submitting} disabled={throttled}>
          {t('register.submit')}
        </Button>
      </Form>
    </AuthCard>
  )
}
