import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined, StopOutlined, SyncOutlined, CheckCircleOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { listMembers, type OrgMember } from '../api/orgs'
import * as api from '../api/usage'
import { useAccess } from '../auth/access'
import type { ApiKey, ApiKeyInput, PortalModel } from '../api/usage'
import { KeyFormDialog } from '../components/keys/KeyFormDialog'
import { KeyMemberSelect } from '../components/keys/KeyMemberSelect'
import { KeyStateTag, limitLines } from '../components/keys/keyText'
import { RollDialog } from '../components/keys/RollDialog'
import { SecretDialog, type RevealedSecret } from '../components/keys/SecretDialog'
import { ListError } from '../components/ListFilters'
import { formatMoney } from '../components/Money'
import { PageHeader } from '../components/PageHeader'
import { useWallet } from '../components/useWallet'
import { useDocumentTitle } from '../hooks'
import { formatDateTime, fromNow } from '../lib/format'
import { describeError } from '../lib/formErrors'

/**
 * The customer's API keys: list with state, last use, this month's spend and limits; create (the
 * full key shown once), edit limits, roll with an overlap, disable / enable, delete.
 */
export function ApiKeysPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  useDocumentTitle(t('apiKeys.title'))
  const { wallet } = useWallet()
  const asset = wallet?.asset ?? null
  const [keys, setKeys] = useState<ApiKey[]>([])
  const [models, setModels] = useState<PortalModel[]>([])
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [form, setForm] = useState<{ editing: ApiKey | null } | null>(null)
  const [rolling, setRolling] = useState<ApiKey | null>(null)
  const [rollBusy, setRollBusy] = useState(false)
  const [rollError, setRollError] = useState<string | null>(null)
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null)
  const [busyId, setBusyId] = useState<number | null>(null)
  // In an organization its admin sees every member's keys and may reassign them.
  const access = useAccess()
  const assigning = access.inOrganization && access.can('members.manage')
  const [members, setMembers] = useState<OrgMember[]>([])

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      setKeys(await api.listKeys())
    } catch (err) {
      setError(describeError(err, t))
    } finally {
      setLoading(false)
    }
  }, [t])

  useEffect(() => {
    void load()
    api.listModels().then(setModels, () => setModels([]))
  }, [load])

  useEffect(() => {
    if (assigning) listMembers().then(setMembers, () => setMembers([]))
  }, [assigning])

  const replace = (key: ApiKey) => setKeys((list) => list.map((k) => (k.id === key.id ? key : k)))

  const save = async (input: ApiKeyInput) => {
    if (form?.editing) {
      replace(await api.updateKey(form.editing.id, input))
      void message.success(t('apiKeys.saved'))
    } else {
      const created = await api.createKey(input)
      setKeys((list) => [created.key, ...list])
      setRevealed({ secret: created.secret, kind: 'created' })
    }
    setForm(null)
  }

  const roll = async (overlapMinutes: number) => {
    if (!rolling) return
    setRollBusy(true)
    setRollError(null)
    try {
      const rolled = await api.rollKey(rolling.id, overlapMinutes)
      setRevealed({ secret: rolled.secret, kind: 'rolled', previousUntil: overlapMinutes > 0 ? (rolled.previous?.expires_at ?? null) : null })
      setRolling(null)
      void load()
    } catch (err) {
      setRollError(describeError(err, t))
    } finally {
      setRollBusy(false)
    }
  }

  const act = async (key: ApiKey, action: () => Promise<void>) => {
    setBusyId(key.id)
    try {
      await action()
    } catch (err) {
      void message.error(describeError(err, t))
    } finally {
      setBusyId(null)
    }
  }

  const toggle = (key: ApiKey) =>
    act(key, async () => {
      const enable = key.status === 'disabled'
      replace(await api.setKeyEnabled(key.id, enable))
      void message.success(t(enable ? 'apiKeys.enabled' : 'apiKeys.disabled'))
    })

  const remove = (key: ApiKey) =>
    act(key, async () => {
      await api.deleteKey(key.id)
      setKeys((list) => list.filter((k) => k.id !== key.id))
      void message.success(t('apiKeys.deleted'))
    })

  const columns: TableColumnsType<ApiKey> = [
    {
      key: 'name',
      title: t('apiKeys.name'),
      render: (_, key) => (
        <div className="cd-tx-details">
          <Typography.Text strong>{key.name}</Typography.Text>
          <Typography.Text className="cd-mono" type="secondary" data-testid="key-prefix">
            {api.keyPrefixText(key.prefix)}
          </Typography.Text>
          {key.rolled_from_id && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('apiKeys.rolledFrom')}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { key: 'state', title: t('apiKeys.state'), render: (_, key) => <KeyStateTag state={key.state} /> },
    ...(assigning
      ? [{ key: 'member', title: t('apiKeys.assignedTo'), render: (_: unknown, key: ApiKey) => <KeyMemberSelect apiKey={key} members={members} onChanged={replace} /> }]
      : []),
    {
      key: 'last_used_at',
      title: t('apiKeys.lastUsed'),
      responsive: ['md'],
      render: (_, key) =>
        key.last_used_at ? <Tooltip title={formatDateTime(key.last_used_at)}>{fromNow(key.last_used_at)}</Tooltip> : t('apiKeys.neverUsed'),
    },
    {
      key: 'spend_month',
      title: t('apiKeys.spendMonth'),
      align: 'right',
      render: (_, key) => (
        <div className="cd-tx-details cd-align-right">
          <span className="cd-money" data-testid="key-spend-month">
            {formatMoney(t, key.spend_month, asset)}
          </span>
          {key.monthly_spend_cap && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('apiKeys.ofCap', { cap: formatMoney(t, key.monthly_spend_cap, asset) })}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      key: 'limits',
      title: t('apiKeys.limits'),
      responsive: ['lg'],
      render: (_, key) => {
        const lines = limitLines(t, key, asset)
        return lines.length ? (
          <div className="cd-tx-details">
            {lines.map((line) => (
              <Typography.Text key={line} style={{ fontSize: 13 }}>
                {line}
              </Typography.Text>
            ))}
          </div>
        ) : (
          <Typography.Text type="secondary">{t('apiKeys.noLimits')}</Typography.Text>
        )
      },
    },
    {
      key: 'actions',
      title: t('apiKeys.actions'),
      render: (_, key) => {
        const locked = key.status === 'locked'
        return (
          <Space size={0} wrap>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setForm({ editing: key })}>
              {t('apiKeys.edit')}
            </Button>
            <Button type="link" size="small" icon={<SyncOutlined />} disabled={locked} onClick={() => setRolling(key)}>
              {t('apiKeys.roll')}
            </Button>
            {!locked && (
              <Button
                type="link"
                size="small"
                loading={busyId === key.id}
                icon={key.status === 'disabled' ? <CheckCircleOutlined /> : <StopOutlined />}
                onClick={() => void toggle(key)}
              >
                {key.status === 'disabled' ? t('apiKeys.enable') : t('apiKeys.disable')}
              </Button>
            )}
            <Popconfirm
              title={t('apiKeys.deleteConfirmTitle', { name: key.name })}
              description={<div style={{ maxWidth: 320 }}>{t('apiKeys.deleteConfirmText')}</div>}
              okText={t('apiKeys.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove(key)}
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                {t('apiKeys.delete')}
              </Button>
            </Popconfirm>
          </Space>
        )
      },
    },
  ]

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        description={t('apiKeys.description')}
        extra={
          <Space wrap>
            <Tooltip title={t('apiKeys.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} aria-label={t('apiKeys.refresh')} />
            </Tooltip>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ editing: null })}>
              {t('apiKeys.create')}
            </Button>
          </Space>
        }
      />
      <Alert type="info" showIcon className="cd-form-alert" message={t('apiKeys.hashNotice')} />
      <Card variant="borderless" className="cd-card">
        <ListError error={error ? `${t('apiKeys.loadFailed')}: ${error}` : null} onRetry={() => void load()} />
        <Table<ApiKey>
          rowKey="id"
          columns={columns}
          dataSource={keys}
          loading={loading}
          size="middle"
          pagination={false}
          locale={{ emptyText: t('apiKeys.empty') }}
        />
      </Card>
      <KeyFormDialog open={form !== null} editing={form?.editing ?? null} models={models} onSubmit={save} onCancel={() => setForm(null)} />
      <RollDialog
        apiKey={rolling}
        busy={rollBusy}
        error={rollError}
        onRoll={(m) => void roll(m)}
        onCancel={() => {
          setRolling(null)
          setRollError(null)
        }}
      />
      <SecretDialog revealed={revealed} onClose={() => setRevealed(null)} />
    </>
  )
}
