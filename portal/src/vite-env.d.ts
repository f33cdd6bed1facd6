/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Product name shown in the header, landing page and document title. Defaults to "Creditdesk". */
  readonly VITE_PRODUCT_NAME?: string
  /** Prefix of redemption codes, used to format the redeem input. Defaults to "VEO". */
  readonly VITE_CODE_PREFIX?: string
}
