export const PRODUCT_NAME: string = (import.meta.env.VITE_PRODUCT_NAME as string | undefined)?.trim() || 'Creditdesk'

/** Where a signed-in customer lands when no `?to=` is given. */
export const HOME_AFTER_LOGIN = '/account'

/** Longest nickname accepted by the forms (server limit assumed). */
export const NICKNAME_MAX = 64
