import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import vine from '@vinejs/vine'
import { can } from '#contract/orgs'
import type { PortalContract } from '#contract/files'
import audit from '#services/audit'
import { runUseCase } from '#http/use_cases'
import { NotFound } from '#exceptions/domain_errors'
import { acting } from '#services/portal/acting'
import { signedLink } from '#services/files/links'
import { isoDate } from '#services/contracts/rows'
import signContract from '#actions/contracts/sign_contract'
import { assertOnlyKeys } from '#validators/strict'
import { wellFormed } from '#validators/well_formed'

const signValidator = vine.create(
  vine.object({
    name: vine.string().use(wellFormed()).trim().minLength(2).maxLength(120),
    accept: vine.literal(true),
  })
)

const contracts = () =>
  db
    .from('contracts as c')
    .join('stored_files as f', 'f.id', 'c.file_id')
    .select('c.*', 'f.original_name as file_name', 'f.size as file_size', 'f.mime_type as file_mime_type')

function present(row: any, maySign: boolean): PortalContract {
  return {
    id: Number(row.id),
    number: row.number,
    type: row.type,
    title: row.title,
    status: row.status,
    signing_method: row.signing_method,
    starts_on: isoDate(row.starts_on),
    expires_on: isoDate(row.expires_on),
    version: Number(row.version),
    signed_at: row.signed_at ? new Date(row.signed_at).toISOString() : null,
    signed_by_name: row.signed_by_name,
    can_sign: maySign && row.status === 'pending_signature' && row.signing_method === 'online',
    file: { name: row.file_name, size: Number(row.file_size), mime_type: row.file_mime_type },
  }
}

async function findOwn(ctx: HttpContext, customerId: number) {
  const id = String(ctx.params.id)
  const row = /^[1-9]\d{0,17}$/.test(id) ? await contracts().where('c.id', id).where('c.org_id', customerId).first() : null
  if (!row) throw new NotFound('Contract not found')
  return row
}

/**
 * The acting organization's contracts in the portal (issue 12 §2): any member who may see the
 * dashboard reads them and downloads their current file through a signed link; a member whose
 * role may sign (the admin) accepts one awaiting online signature.
 */
export default class PortalContractsController {
  /** GET /api/portal/contracts → PortalContract[] */
  async index(ctx: HttpContext) {
    const who = await acting(ctx, 'dashboard.view')
    const rows = await contracts().where('c.org_id', who.customerId).orderBy('c.id', 'desc').limit(200)
    return rows.map((row) => present(row, can(who.role, 'contracts.sign')))
  }

  /** GET /api/portal/contracts/:id/link → FileLinkWire (the contract's current file) */
  async link(ctx: HttpContext) {
    const who = await acting(ctx, 'dashboard.view')
    const row = await findOwn(ctx, who.customerId)
    const link = signedLink(row.file_id, { audience: 'customer', subjectId: who.personId, orgId: who.orgId })
    await audit.standalone(ctx, { action: 'file.link', resource: 'files', recordId: row.file_id, metadata: { purpose: 'contract', contract_id: Number(row.id), audience: 'customer', expires_at: link.expires_at } })
    return link
  }

  /** POST /api/portal/contracts/:id/sign { name, accept: true } → PortalContract */
  async sign(ctx: HttpContext) {
    const who = await acting(ctx, 'contracts.sign')
    assertOnlyKeys(ctx.request.body(), ['name', 'accept'])
    const { name } = await signValidator.validate(ctx.request.body())
    const contractId = Number((await findOwn(ctx, who.customerId)).id)
    await runUseCase(ctx, signContract, { contractId, customerId: who.customerId, personId: who.personId, name })
    return present(await findOwn(ctx, who.customerId), true)
  }
}
