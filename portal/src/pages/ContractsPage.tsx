import { EditOutlined, EyeOutlined, ReloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CONTRACT_STATUSES, CONTRACT_TYPES, SIGNING_METHODS } from '@creditdesk/contract/bills'
import { contractLink, listContracts, type Contract } from '../api/contracts'
import { useAccess } from '../auth/access'
import { SignContractDialog } from '../components/contracts/SignContractDialog'
import { EnumTag, enumText } from '../components/EnumTag'
import { isForbidden, NoAccess } from '../components/NoAccess'
import { PageHeader } from '../components/PageHeader'
import { useLoad } from '../components/useLoad'
import { useDocumentTitle } from '../hooks'
import { browser, isWebUrl } from '../lib/browser'
import { formatDate, formatDateTime } from '../lib/format'
import { describeError } from '../lib/formErrors'

/** Days before expiry from which an active contract is flagged. */
const EXPIRY_WARNING_DAYS = 30

/** The organization's contracts: status and term, view or download the file, sign online when it waits for the admin. */
export function ContractsPage() {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const access = useAccess()
  useDocumentTitle(t('contracts.title'))
  const contracts = useLoad(listContracts)
  const [busyId, setBusyId] = useState<number | null>(null)
  const [signing, setSigning] = useState<Contract | null>(null)
  if (isForbidden(contracts.error)) return <NoAccess />
  const canSign = access.can('contracts.sign')

  const open = async (c: Contract) => {
    setBusyId(c.id)
    try {
      const url = await contractLink(c.id)
      if (!isWebUrl(url)) throw new Error(t('contracts.noFile'))
      browser.openFile(url)
    } catch (err) {
      void message.error(describeError(err, t))
    } finally {
      setBusyId(null)
    }
  }

  const expiry = (c: Contract) => {
    const days = dayjs(c.expires_on).diff(dayjs().startOf('day'), 'day')
    const soon = c.status === 'active' && days >= 0 && days <= EXPIRY_WARNING_DAYS
    return (
      <Space direction="vertical" size={0}>
        <span>{t('contracts.term', { from: formatDate(c.starts_on), to: formatDate(c.expires_on) })}</span>
        {soon && <Typography.Text type="warning" style={{ fontSize: 12 }}>{t('contracts.expiresIn', { count: days })}</Typography.Text>}
      </Space>
    )
  }

  const columns: TableColumnsType<Contract> = [
    {
      key: 'title',
      title: t('contracts.fields.title'),
      render: (_, c) => (
        <div>
          <div>{c.title}</div>
          <Typography.Text type="secondary" className="cd-mono" style={{ fontSize: 12 }}>
            {c.number}
            {c.version > 1 ? ` · ${t('contracts.version', { version: c.version })}` : ''}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'type', title: t('contracts.fields.type'), responsive: ['md'], render: (_, c) => enumText(CONTRACT_TYPES, c.type, i18n.language) },
    { key: 'status', title: t('contracts.fields.status'), render: (_, c) => <EnumTag options={CONTRACT_STATUSES} value={c.status} testId="contract-status" /> },
    { key: 'term', title: t('contracts.fields.term'), render: (_, c) => expiry(c) },
    {
      key: 'signed',
      title: t('contracts.fields.signed'),
      responsive: ['lg'],
      render: (_, c) =>
        c.signed_at ? (
          <Space direction="vertical" size={0}>
            <span>{formatDateTime(c.signed_at)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.signed_by_name ?? enumText(SIGNING_METHODS, c.signing_method, i18n.language)}
            </Typography.Text>
          </Space>
        ) : (
          enumText(SIGNING_METHODS, c.signing_method, i18n.language)
        ),
    },
    {
      key: 'actions',
      title: t('contracts.fields.actions'),
      render: (_, c) => (
        <Space wrap>
          <Button size="small" icon={<EyeOutlined />} loading={busyId === c.id} onClick={() => void open(c)}>
            {t('contracts.view')}
          </Button>
          {(c.can_sign ?? (canSign && c.status === 'pending_signature' && c.signing_method === 'online')) && (
            <Button size="small" type="primary" icon={<EditOutlined />} onClick={() => setSigning(c)}>
              {t('contracts.sign.open')}
            </Button>
          )}
        </Space>
      ),
    },
  ]

  const waiting = (contracts.data ?? []).some((c) => c.status === 'pending_signature' && c.signing_method === 'online')
  return (
    <>
      <PageHeader
        title={t('contracts.title')}
        description={t('contracts.description')}
        extra={
          <Tooltip title={t('contracts.refresh')}>
            <Button icon={<ReloadOutlined />} aria-label={t('contracts.refresh')} loading={contracts.loading} onClick={() => void contracts.reload()} />
          </Tooltip>
        }
      />
      {waiting && !canSign && <Alert type="info" showIcon className="cd-form-alert" message={t('contracts.adminSigns')} />}
      {contracts.error !== null && (
        <Alert type="error" showIcon className="cd-form-alert" message={t('contracts.loadFailed')} description={describeError(contracts.error, t)} />
      )}
      <Card variant="borderless" className="cd-card">
        <Table<Contract> rowKey="id" columns={columns} dataSource={contracts.data ?? []} loading={contracts.loading} size="middle" pagination={false} locale={{ emptyText: t('contracts.empty') }} />
      </Card>
      <SignContractDialog
        contract={signing}
        onClose={() => setSigning(null)}
        onSigned={() => {
          setSigning(null)
          void contracts.reload()
        }}
      />
    </>
  )
}
