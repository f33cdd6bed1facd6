import { useState } from 'react'
import { Alert, Button, Space, Typography } from 'antd'
import { SafetyCertificateOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useHttp } from '../../providers/HttpContext'
import { API_URL } from '../../providers/http'

type ChainReport = {
  chain: 'audit' | 'ledger'
  ok: boolean
  sealed: number
  headSeq: string
  unsealed: number
  problem: { kind: string; seq: string | null; rowId: string | null; detail: string } | null
}
type IntegrityReport = { ok: boolean; checkedAt: string; chains: ChainReport[] }

/** "Verify integrity": checks the sealed chains of the audit trail and the ledger (GET /audit-integrity). */
export function IntegrityCheckButton({ onResult }: { onResult: (report: IntegrityReport | Error) => void }) {
  const { t } = useTranslation()
  const http = useHttp()
  const [busy, setBusy] = useState(false)
  const run = async () => {
    setBusy(true)
    try {
      const reply = await http.get<IntegrityReport>(`${API_URL}/audit-integrity`)
      onResult(reply.data)
    } catch (error) {
      onResult(error instanceof Error ? error : new Error(String(error)))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={run}>
      {t('audit.integrity.verify')}
    </Button>
  )
}

export function IntegrityResult({ result, onClose }: { result: IntegrityReport | Error; onClose: () => void }) {
  const { t } = useTranslation()
  if (result instanceof Error) {
    return <Alert type="error" showIcon closable onClose={onClose} message={t('audit.integrity.failedToRun')} description={result.message} style={{ marginBottom: 16 }} />
  }
  const chainName = (chain: ChainReport['chain']) => t(`audit.integrity.chains.${chain}`)
  return (
    <Alert
      type={result.ok ? 'success' : 'error'}
      showIcon
      closable
      onClose={onClose}
      style={{ marginBottom: 16 }}
      message={result.ok ? t('audit.integrity.intact') : t('audit.integrity.broken')}
      description={
        <Space direction="vertical" size={2}>
          {result.chains.map((chain) => (
            <Typography.Text key={chain.chain} type={chain.ok ? undefined : 'danger'}>
              {chainName(chain.chain)}: {chain.ok
                ? t('audit.integrity.chainIntact', { count: chain.sealed, head: chain.headSeq })
                : `${t(`audit.integrity.kinds.${chain.problem!.kind}`)}${chain.problem!.rowId ? ` · #${chain.problem!.rowId}` : ''} — ${chain.problem!.detail}`}
            </Typography.Text>
          ))}
          <Typography.Text type="secondary">{t('audit.integrity.checkedAt', { time: new Date(result.checkedAt).toLocaleString() })}</Typography.Text>
        </Space>
      }
    />
  )
}
