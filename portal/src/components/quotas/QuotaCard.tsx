import { Card, Progress, Space, Tag, Tooltip, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { QuotaStateWire } from '@creditdesk/contract/quotas'
import { viewerZone } from '../keys/keyText'
import { LEVEL_COLORS, featureLabel, formatCount, formatResetTime, percentUsed, periodLabel, quotaLevel } from './quotaText'

/** One quota: used of its limit (or unlimited) as a bar coloured by how full it is, and when it resets. */
export function QuotaCard({ quota }: { quota: QuotaStateWire }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const percent = percentUsed(quota)
  const level = quotaLevel(percent)
  const name = featureLabel(quota.feature, lang)
  return (
    <Card size="small" className="cd-quota-card" data-testid={`quota-${quota.feature}`} data-level={level}>
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space align="baseline" style={{ justifyContent: 'space-between', width: '100%' }} wrap>
          <Typography.Text strong>{name}</Typography.Text>
          <Tag bordered={false}>{periodLabel(quota.period, lang)}</Tag>
        </Space>
        {quota.limit === null ? (
          <>
            <Typography.Text data-testid="quota-figures">{t('quotas.usedUnlimited', { used: formatCount(quota.used, lang) })}</Typography.Text>
            <Tag color="green" bordered={false}>{t('quotas.unlimited')}</Tag>
          </>
        ) : (
          <>
            <Typography.Text data-testid="quota-figures">
              {t('quotas.usedOf', { used: formatCount(quota.used, lang), limit: formatCount(quota.limit, lang) })}
            </Typography.Text>
            <Progress
              percent={Math.min(100, percent ?? 0)}
              format={() => `${percent ?? 0}%`}
              strokeColor={LEVEL_COLORS[level]}
              status={level === 'exhausted' ? 'exception' : 'normal'}
              aria-label={t('quotas.barLabel', { feature: name, percent: percent ?? 0 })}
            />
            {level === 'exhausted' && <Typography.Text type="danger">{t('quotas.exhausted')}</Typography.Text>}
          </>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="quota-reset">
          {quota.resets_at ? (
            <Tooltip title={viewerZone()}>
              {t('quotas.resetsAt', { at: formatResetTime(quota.resets_at, lang), relative: dayjs(quota.resets_at).fromNow() })}
            </Tooltip>
          ) : (
            t('quotas.neverResets')
          )}
        </Typography.Text>
      </Space>
    </Card>
  )
}
