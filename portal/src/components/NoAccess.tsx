import { Button, Result } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { labelText } from '@creditdesk/contract/i18n'
import { MEMBER_ROLES } from '@creditdesk/contract/orgs'
import { toApiError } from '../api/client'
import { useAccess } from '../auth/access'
import { homePath } from '../navigation'

/**
 * The page is closed to the acting account: its role lacks the capability (the server answers 403
 * too), or the page belongs to organizations and the tab acts in a personal account.
 */
export function NoAccess({ reason = 'role' }: { reason?: 'role' | 'organization' }) {
  const { t, i18n } = useTranslation()
  const access = useAccess()
  const role = labelText(MEMBER_ROLES.find((r) => r.value === access.acting.role)?.label, i18n.language)
  const org = access.currentOrg?.name
  const text =
    reason === 'organization'
      ? t('access.organizationOnlyText')
      : role && org
        ? t('access.roleText', { role, org })
        : t('access.roleTextPlain')
  return (
    <div data-testid="no-access">
      <Result
        status="403"
        title={reason === 'organization' ? t('access.organizationOnlyTitle') : t('access.roleTitle')}
        subTitle={text}
        extra={
          <Link to={homePath(access)}>
            <Button type="primary">{t('access.goHome')}</Button>
          </Link>
        }
      />
    </div>
  )
}

/** A load that failed with 403: the role does not allow it. */
export const isForbidden = (err: unknown) => err !== null && err !== undefined && toApiError(err).status === 403
