/**
 * Download links of stored files: `GET /api/files/:id/download?aud=&sub=&exp=[&_org=]&signature=`,
 * signed with the app key for one purpose and valid FILE_LINK_SECONDS. The link names who it was
 * made for (a staff member, or a person acting in an account) and the download checks that the
 * session is that person and may still read the file; `exp` lets an expired link be told apart
 * (410) from a forged one (404). Made by the link endpoints, which audit `file.link`.
 */
import { signedUrlFor } from '@adonisjs/core/services/url_builder'
import { ACTING_ORG_PARAM } from '#contract/orgs'
import { FILE_LINK_SECONDS, type FileLinkWire } from '#contract/files'

export const DOWNLOAD_PATTERN = '/api/files/:id/download'
export const DOWNLOAD_PURPOSE = 'file-download'

export type LinkAudience = { audience: 'staff' | 'customer'; subjectId: number; /** the organization acted in (customers) */ orgId?: number | null }

// the pattern form (no route lookup): the route-name types are generated at build time
const signedPattern = signedUrlFor as unknown as (
  pattern: string,
  params: Record<string, string>,
  options: { disableRouteLookup: true; expiresIn: string; purpose: string; qs: Record<string, string> }
) => string

/** A signed link to the file for `who`, working for FILE_LINK_SECONDS (or `seconds`). */
export function signedLink(fileId: number | string, who: LinkAudience, seconds = FILE_LINK_SECONDS): FileLinkWire {
  const expires = Date.now() + seconds * 1000
  const qs: Record<string, string> = { aud: who.audience, sub: String(who.subjectId), exp: String(expires) }
  if (who.audience === 'customer' && who.orgId) qs[ACTING_ORG_PARAM] = String(who.orgId)
  const url = signedPattern(DOWNLOAD_PATTERN, { id: String(fileId) }, { disableRouteLookup: true, expiresIn: `${seconds}s`, purpose: DOWNLOAD_PURPOSE, qs })
  return { url, expires_at: new Date(expires).toISOString() }
}
