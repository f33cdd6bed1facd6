import { Alert, App, Avatar, Button, Card, Col, Descriptions, Form, Input, Row, Space, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import * as api from '../api/portal'
import type { PortalUser } from '../api/types'
import { useAuth, useCurrentUser } from '../auth/AuthContext'
import { PageHeader } from '../components/PageHeader'
import { useDocumentTitle } from '../hooks'
import { handleFormError } from '../lib/formErrors'
import { enumLabel, formatDate, formatDateTime } from '../lib/format'
import { NICKNAME_MAX } from '../config'

interface ProfileValues {
  nickname: string
  phone: string
}

const PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{3,30}$/

const VERIFICATION_COLORS: Record<string, string> = {
  verified: 'success',
  pending: 'processing',
  rejected: 'error',
  unverified: 'default',
}

function initialValues(user: PortalUser): ProfileValues {
  return { nickname: user.nickname ?? '', phone: user.phone ?? '' }
}

/** Only what changed; a cleared field is sent as null. */
function changes(values: ProfileValues, user: PortalUser) {
  const out: { nickname?: string | null; phone?: string | null } = {}
  const nickname = values.nickname?.trim() || null
  const phone = values.phone?.trim() || null
  if (nickname !== (user.nickname || null)) out.nickname = nickname
  if (phone !== (user.phone || null)) out.phone = phone
  return out
}

export function ProfilePage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const { setUser } = useAuth()
  const { message } = App.useApp()
  const [form] = Form.useForm<ProfileValues>()
  const values = Form.useWatch([], form) as ProfileValues | undefined
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useDocumentTitle(t('profile.title'))

  useEffect(() => {
    form.setFieldsValue(initialValues(user))
  }, [form, user])

  const dirty = values ? Object.keys(changes(values, user)).length > 0 : false
  const name = user.nickname?.trim() || user.email
  const verification = user.verification_status ?? 'unverified'

  const onFinish = async (v: ProfileValues) => {
    const patch = changes(v, user)
    if (!Object.keys(patch).length) {
      void message.info(t('profile.noChanges'))
      return
    }
    setSaving(true)
    setError(null)
    try {
      const updated = await api.updateProfile(patch)
      setUser(updated)
      void message.success(t('profile.saved'))
    } catch (err) {
      setError(handleFormError(form, err, ['nickname', 'phone'], t))
    } finally {
      setSaving(false)
    }
  }

  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={14}>
          <Card title={t('profile.personalTitle')} variant="borderless" className="cd-card">
            {error && <Alert type="error" showIcon message={error} className="cd-form-alert" role="alert" />}
            <Form form={form} layout="vertical" initialValues={initialValues(user)} onFinish={onFinish} disabled={saving} requiredMark={false}>
              <Form.Item label={t('profile.email')} extra={t('profile.emailHelp')}>
                <Input value={user.email} readOnly disabled aria-label={t('profile.email')} />
              </Form.Item>
              <Form.Item
                name="nickname"
                label={t('fields.nickname')}
                rules={[{ max: NICKNAME_MAX, message: t('validation.nicknameTooLong', { max: NICKNAME_MAX }) }]}
              >
                <Input placeholder={t('fields.nicknamePlaceholder')} autoComplete="nickname" showCount maxLength={NICKNAME_MAX} />
              </Form.Item>
              <Form.Item
                name="phone"
                label={t('fields.phone')}
                rules={[{ pattern: PHONE_PATTERN, message: t('validation.phoneInvalid') }]}
              >
                <Input placeholder={t('fields.phonePlaceholder')} autoComplete="tel" inputMode="tel" />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={saving} disabled={!dirty}>
                  {t('common.save')}
                </Button>
                {dirty && (
                  <Button onClick={() => form.setFieldsValue(initialValues(user))}>{t('common.cancel')}</Button>
                )}
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card variant="borderless" className="cd-card" title={t('profile.accountTitle')}>
            <div className="cd-identity">
              <Avatar size={56} style={{ background: '#4f46e5', fontSize: 24 }}>
                {name.charAt(0).toUpperCase()}
              </Avatar>
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong ellipsis style={{ display: 'block', fontSize: 16 }}>
                  {name}
                </Typography.Text>
                <Typography.Text type="secondary" ellipsis style={{ display: 'block' }}>
                  {user.email}
                </Typography.Text>
              </div>
            </div>
            <Descriptions column={1} size="small" colon={false} className="cd-descriptions">
              <Descriptions.Item label={t('profile.type')}>{enumLabel(t, 'type', user.type)}</Descriptions.Item>
              <Descriptions.Item label={t('profile.tier')}>
                <Tag color="purple" bordered={false}>
                  {enumLabel(t, 'tier', user.tier)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('profile.verification')}>
                <Tag color={VERIFICATION_COLORS[verification] ?? 'default'} data-testid="verification-status">
                  {enumLabel(t, 'verification', verification)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('profile.memberSince')}>{formatDate(user.created_at)}</Descriptions.Item>
              <Descriptions.Item label={t('profile.lastLogin')}>{formatDateTime(user.last_login_at)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
    </>
  )
}
