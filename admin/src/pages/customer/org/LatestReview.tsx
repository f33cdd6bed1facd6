import { useList, type BaseKey } from '@refinedev/core'
import { Space, Typography } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useResourceMeta } from '../../../meta/MetaContext'
import { canDo } from '../../../meta/permissions'
import { FieldValue } from '../../../engine/fields/FieldValue'
import { formatDateTime } from '../../../engine/fields/format'
import { ActionButton } from '../../../engine/actions/ActionButton'
import { actionApplies, permittedActions } from '../../../engine/actions/visibility'
import { FileDownload } from '../../../engine/files/FileDownload'
import { idsOf } from '../../../engine/files/fileField'
import { relatedListUrl } from '../../../engine/show/RelationTable'
import { eqFilter, fieldOf, ORG_FIELD, ORG_RESOURCES } from './orgResources'
import { isSet } from './orgFormat'

/** "Approved 3 Nov 2026 by Ana", "Rejected …: reason", "Submitted … · awaiting review", with the review's own actions. */
export function LatestReview({ orgId }: { orgId: unknown }) {
  const { t, i18n } = useTranslation()
  const reviews = useResourceMeta(ORG_RESOURCES.kyc)
  const allowed = canDo(reviews, 'list')
  const { result } = useList({
    resource: ORG_RESOURCES.kyc,
    filters: eqFilter(reviews, ORG_FIELD, orgId),
    sorters: [{ field: 'id', order: 'desc' }],
    pagination: { pageSize: 1 },
    queryOptions: { enabled: allowed && eqFilter(reviews, ORG_FIELD, orgId).length > 0 },
    errorNotification: false,
  })
  const review = result.data?.[0]
  if (!reviews || !review) return null
  const when = (v: unknown) => formatDateTime(v, { locale: i18n.language })
  const reviewer = fieldOf(reviews, 'reviewer_id')
  const documents = idsOf(review.document_file_ids)
  const text =
    review.status === 'approved'
      ? t('org.kyc.approved', { time: when(review.decided_at) })
      : review.status === 'rejected'
        ? t('org.kyc.rejected', { time: when(review.decided_at), reason: review.decision_reason ?? '' })
        : t('org.kyc.pending', { time: when(review.submitted_at ?? review.created_at) })
  const actions = permittedActions(reviews, 'record').filter((a) => actionApplies(a, review))
  return (
    <Space size={8} wrap data-testid="org-latest-review" data-review-status={String(review.status)}>
      <Typography.Text type={review.status === 'rejected' ? 'danger' : 'secondary'}>{text}</Typography.Text>
      {reviewer && isSet(review.reviewer_id) && (
        <Typography.Text type="secondary">
          {t('org.kyc.by')} <FieldValue field={reviewer} resource={reviews} record={review} />
        </Typography.Text>
      )}
      {documents.map((fileId, i) => <FileDownload key={fileId} fileId={fileId} name={t('org.kyc.document', { n: i + 1 })} />)}
      {actions.map((a) => <ActionButton key={a.name} resource={reviews} action={a} record={review} size="small" />)}
      {(result.total ?? 0) > 1 && <Link to={relatedListUrl(reviews.name, ORG_FIELD, orgId as BaseKey)}>{t('org.kyc.all', { count: result.total })} →</Link>}
    </Space>
  )
}
