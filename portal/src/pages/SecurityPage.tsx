import { LockOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Col, Form, Input, Row } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { toApiError } from '../api/client'
import * as api from '../api/portal'
import { useCurrentUser } from '../auth/AuthContext'
import { PageHeader } from '../components/PageHeader'
import { NewPasswordFields } from '../components/NewPasswordFields'
import { useCountdown } from '../components/useCountdown'
import { useDocumentTitle } from '../hooks'
import { handleFormError } from '../lib/formErrors'

interface PasswordValues {
  current_password: string
  password: string
  password_confirmation: string
}

export function SecurityPage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const { message } = App.useApp()
  const [form] = Form.useForm<PasswordValues>()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState(false)
  const throttle = useCountdown()
  useDocumentTitle(t('security.title'))

  const onFinish = async (values: PasswordValues) => {
    setSaving(true)
    setError(null)
    setDone(false)
    throttle.clear()
    try {
      await api.changePassword({ current_password: values.current_password, password: values.password })
      form.resetFields()
      setDone(true)
      void message.success(t('security.successTitle'))
    } catch (err) {
      const e = toApiError(err)
      if (e.status === 429 && e.retryAfter) throttle.start(e.retryAfter)
      setError(handleFormError(form, e, ['current_password', 'password', 'password_confirmation'], t))
    } finally {
      setSaving(false)
    }
  }

  const throttled = throttle.secondsLeft > 0
  const alertText = throttled ? t('errors.tooMany', { count: throttle.secondsLeft }) : error

  return (
    <>
      <PageHeader title={t('security.title')} description={t('security.description')} />
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={14}>
          <Card title={t('security.changePasswordTitle')} variant="borderless" className="cd-card">
            {done && (
              <Alert
                type="success"
                showIcon
                closable
                onClose={() => setDone(false)}
                className="cd-form-alert"
                message={t('security.successTitle')}
                description={
                  <>
                    {t('security.successText')} <Link to="/account/sessions">{t('security.viewSessions')}</Link>
                  </>
                }
              />
            )}
            {alertText && <Alert type="error" showIcon message={alertText} className="cd-form-alert" role="alert" />}
            <Form form={form} layout="vertical" onFinish={onFinish} disabled={saving} requiredMark={false}>
              {/* lets password managers tie the new password to the account */}
              <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />
              <Form.Item
                name="current_password"
                label={t('fields.currentPassword')}
                rules={[{ required: true, message: t('validation.currentPasswordRequired') }]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
              </Form.Item>
              <NewPasswordFields
                hintsId="new-password-hints"
                label={t('fields.newPassword')}
                requiredMessage={t('validation.newPasswordRequired')}
                confirmLabel={t('fields.confirmNewPassword')}
                email={user.email}
                dependencies={['current_password']}
                extraCheck={(value, getFieldValue) => (value === getFieldValue('current_password') ? t('validation.sameAsCurrent') : null)}
              />
              <Button type="primary" htmlType="submit" loading={saving} disabled={throttled}>
                {t('security.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('security.tipsTitle')} variant="borderless" className="cd-card">
            <ul className="cd-tips">
              <li>{t('security.tipOtherSessions')}</li>
              <li>{t('security.tipUnique')}</li>
              <li>{t('security.tipSuspicious')}</li>
            </ul>
            <Link to="/account/sessions" style={{ display: 'inline-block', marginTop: 16 }}>
              {t('security.viewSessions')}
            </Link>
          </Card>
        </Col>
      </Row>
    </>
  )
}
