/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Product name shown in the header, landing page and document title. Defaults to "Creditdesk". */
  readonly VITE_PRODUCT_NAME?: string
}
