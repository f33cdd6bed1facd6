import { TeamOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Descriptions, Result, Space, Spin, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router'
import { toApiError } from '../api/client'
import { acceptInvitation, fetchInvitation, type InvitationPreview } from '../api/orgs'
import { useAuth } from '../auth/AuthContext'
import { RoleTag } from '../components/org/OrgSwitcher'
import { useLoad } from '../components/useLoad'
import { useDocumentTitle } from '../hooks'
import { formatDateTime } from '../lib/format'
import { describeError } from '../lib/formErrors'
import { loginPath } from '../lib/redirect'

type Closed = 'invalid' | 'expired' | 'used' | 'revoked'

/** Why an invitation can no longer be accepted, from its preview; null while it can. */
export function closedReason(preview: InvitationPreview): Closed | null {
  if (preview.status === 'accepted') return 'used'
  if (preview.status === 'revoked') return 'revoked'
  if (preview.expired || preview.status === 'expired') return 'expired'
  return null
}

/**
 * The same, from a refused accept: 410 gone (expired, used or revoked meanwhile: the preview, read
 * again, says which), 403 another person's address, 404 unknown.
 */
function refusalOf(err: unknown): Closed | 'wrongEmail' | null {
  const status = toApiError(err).status
  if (status === 410) return 'expired'
  if (status === 403) return 'wrongEmail'
  if (status === 404) return 'invalid'
  return null
}

function ClosedResult({ reason }: { reason: Closed }) {
  const { t } = useTranslation()
  return (
    <div data-testid="invitation-closed">
      <Result
        status={reason === 'invalid' ? '404' : 'warning'}
        title={t(`invitation.closed.${reason}Title`)}
        subTitle={t(`invitation.closed.${reason}Text`)}
        extra={
          <Link to="/">
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    </div>
  )
}

/**
 * Where the invitation mail leads (/invitations/accept?token=…): which organization, which role,
 * until when; sign in or register first (and come back here), then accept. The invitation is for one
 * email address: another signed-in person is told so and may sign out.
 */
export function InvitationAcceptPage() {
  const { t } = useTranslation()
  useDocumentTitle(t('invitation.title'))
  const [params] = useSearchParams()
  const token = params.get('token')?.trim() ?? ''
  const { user, status, logout, switchOrg, refresh } = useAuth()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const here = useLocation()
  const back = here.pathname + here.search
  const invitation = useLoad(() => (token ? fetchInvitation(token) : Promise.reject(Object.assign(new Error('no token'), { status: 404 }))), [token])
  const [busy, setBusy] = useState(false)
  const [refused, setRefused] = useState<Closed | 'wrongEmail' | null>(null)
  const [error, setError] = useState<string | null>(null)

  if (!token) return <ClosedResult reason="invalid" />
  if (invitation.loading || status === 'loading') {
    return (
      <div className="cd-center">
        <Spin size="large" />
      </div>
    )
  }
  if (invitation.error) {
    const e = toApiError(invitation.error)
    if (e.status === 404 || e.status === 410) return <ClosedResult reason={e.status === 410 ? 'expired' : 'invalid'} />
    return <Result status="warning" title={t('invitation.loadFailed')} subTitle={describeError(invitation.error, t)} extra={<Button onClick={() => void invitation.reload()}>{t('common.retry')}</Button>} />
  }
  const preview = invitation.data!
  const closed = closedReason(preview) ?? (refused && refused !== 'wrongEmail' ? refused : null)
  if (closed) return <ClosedResult reason={closed} />

  const otherPerson = !!user && user.email.trim().toLowerCase() !== preview.email.trim().toLowerCase()

  const accept = async () => {
    setBusy(true)
    setError(null)
    try {
      const { orgId } = await acceptInvitation(token)
      if (orgId !== null) await switchOrg(orgId)
      else await refresh()
      void message.success(t('invitation.joined', { org: preview.org_name }))
      navigate('/account', { replace: true })
    } catch (err) {
      const reason = refusalOf(err)
      if (reason) setRefused(reason)
      else setError(describeError(err, t))
      if (reason === 'expired') void invitation.reload()
      setBusy(false)
    }
  }

  return (
    <div>
      <Card className="cd-card" style={{ maxWidth: 520, margin: '32px auto' }}>
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Space align="center">
            <TeamOutlined style={{ fontSize: 28, color: '#4f46e5' }} />
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('invitation.heading', { org: preview.org_name })}
            </Typography.Title>
          </Space>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('invitation.org')}>{preview.org_name}</Descriptions.Item>
            <Descriptions.Item label={t('invitation.role')}>
              <RoleTag role={preview.role} />
            </Descriptions.Item>
            <Descriptions.Item label={t('invitation.email')}>{preview.email}</Descriptions.Item>
            <Descriptions.Item label={t('invitation.expires')}>{formatDateTime(preview.expires_at)}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t(`invitation.roleText.${preview.role}`)}
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon role="alert" message={error} />}
          {(otherPerson || refused === 'wrongEmail') && user && (
            <Alert
              type="warning"
              showIcon
              data-testid="invitation-wrong-email"
              message={t('invitation.wrongEmailTitle')}
              description={t('invitation.wrongEmailText', { invited: preview.email, current: user.email })}
              action={
                <Button size="small" onClick={() => void logout().then(() => navigate(loginPath(back), { replace: true }))}>
                  {t('invitation.switchAccount')}
                </Button>
              }
            />
          )}
          {!user ? (
            <>
              <Typography.Text>{t('invitation.signInFirst', { email: preview.email })}</Typography.Text>
              <Space wrap>
                <Link to={`/login?to=${encodeURIComponent(back)}`}>
                  <Button type="primary">{t('invitation.signIn')}</Button>
                </Link>
                <Link to={`/register?to=${encodeURIComponent(back)}`}>
                  <Button>{t('invitation.register')}</Button>
                </Link>
              </Space>
            </>
          ) : (
            !otherPerson &&
            refused !== 'wrongEmail' && (
              <Button type="primary" size="large" block loading={busy} onClick={() => void accept()}>
                {t('invitation.accept', { org: preview.org_name })}
              </Button>
            )
          )}
        </Space>
      </Card>
    </div>
  )
}
