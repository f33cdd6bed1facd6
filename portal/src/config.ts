export const PRODUCT_NAME: string = (import.meta.env.VITE_PRODUCT_NAME as string | undefined)?.trim() || 'Creditdesk'

/** Where a signed-in customer lands when no `?to=` is given. */
export const HOME_AFTER_LOGIN = '/account/wallet'

/** Longest nickname accepted by the forms (server limit assumed). */
export const NICKNAME_MAX = 64

/** Prefix of redemption codes (`VEO-XXXX-XXXX`); only used to format what the customer types. */
export const CODE_PREFIX: string = ((import.meta.env.VITE_CODE_PREFIX as string | undefined)?.trim() || 'VEO').toUpperCase()

/** Gift lots expiring within this many days are flagged on the wallet page. */
export const EXPIRY_WARNING_DAYS = 7
