import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'staff_auth.login': { paramsTuple?: []; params?: {} }
    'staff_auth.logout': { paramsTuple?: []; params?: {} }
    'staff_auth.me': { paramsTuple?: []; params?: {} }
    'meta.show': { paramsTuple?: []; params?: {} }
    'dashboard.summary': { paramsTuple?: []; params?: {} }
    'permissions.matrix': { paramsTuple?: []; params?: {} }
    'permissions.update': { paramsTuple: [ParamValue]; params: {'role': ParamValue} }
    'customer_auth.register': { paramsTuple?: []; params?: {} }
    'customer_auth.login': { paramsTuple?: []; params?: {} }
    'customer_auth.logout': { paramsTuple?: []; params?: {} }
    'customer_auth.me': { paramsTuple?: []; params?: {} }
    'portal_account.update_profile': { paramsTuple?: []; params?: {} }
    'portal_account.change_password': { paramsTuple?: []; params?: {} }
    'portal_account.sessions': { paramsTuple?: []; params?: {} }
    'portal_account.revoke_others': { paramsTuple?: []; params?: {} }
    'spa.admin.root': { paramsTuple?: []; params?: {} }
    'spa.admin': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'spa.portal': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
  }
  POST: {
    'staff_auth.login': { paramsTuple?: []; params?: {} }
    'staff_auth.logout': { paramsTuple?: []; params?: {} }
    'customer_auth.register': { paramsTuple?: []; params?: {} }
    'customer_auth.login': { paramsTuple?: []; params?: {} }
    'customer_auth.logout': { paramsTuple?: []; params?: {} }
    'portal_account.revoke_others': { paramsTuple?: []; params?: {} }
  }
  GET: {
    'staff_auth.me': { paramsTuple?: []; params?: {} }
    'meta.show': { paramsTuple?: []; params?: {} }
    'dashboard.summary': { paramsTuple?: []; params?: {} }
    'permissions.matrix': { paramsTuple?: []; params?: {} }
    'customer_auth.me': { paramsTuple?: []; params?: {} }
    'portal_account.sessions': { paramsTuple?: []; params?: {} }
    'spa.admin.root': { paramsTuple?: []; params?: {} }
    'spa.admin': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'spa.portal': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
  }
  HEAD: {
    'staff_auth.me': { paramsTuple?: []; params?: {} }
    'meta.show': { paramsTuple?: []; params?: {} }
    'dashboard.summary': { paramsTuple?: []; params?: {} }
    'permissions.matrix': { paramsTuple?: []; params?: {} }
    'customer_auth.me': { paramsTuple?: []; params?: {} }
    'portal_account.sessions': { paramsTuple?: []; params?: {} }
    'spa.admin.root': { paramsTuple?: []; params?: {} }
    'spa.admin': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'spa.portal': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
  }
  PUT: {
    'permissions.update': { paramsTuple: [ParamValue]; params: {'role': ParamValue} }
    'portal_account.change_password': { paramsTuple?: []; params?: {} }
  }
  PATCH: {
    'portal_account.update_profile': { paramsTuple?: []; params?: {} }
  }
  DELETE: {
  }
  OPTIONS: {
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}