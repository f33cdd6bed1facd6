import vine from '@vinejs/vine'
import { wellFormed } from '#validators/well_formed'

/** Longest list URL search string a view keeps (filters, sort and columns fit well within it). */
export const MAX_VIEW_QUERY = 4000
/** Views one staff member may keep per resource. */
export const MAX_VIEWS_PER_RESOURCE = 50

const NO_NUL = /^[^\u0000]*$/
const resourceName = () => vine.string().use(wellFormed()).trim().minLength(1).maxLength(64).regex(NO_NUL)

/** POST /api/admin/saved-views { resource, name, query } */
export const createSavedViewValidator = vine.create(
  vine.object({
    resource: resourceName(),
    name: vine.string().use(wellFormed()).trim().minLength(1).maxLength(80).regex(NO_NUL),
    // the list's URL search string, without the leading "?"; empty is the plain list
    query: vine.string().use(wellFormed()).trim().maxLength(MAX_VIEW_QUERY).regex(NO_NUL).optional(),
  })
)

/** GET /api/admin/saved-views?resource=<name> */
export const listSavedViewsValidator = vine.create(vine.object({ resource: resourceName() }))
