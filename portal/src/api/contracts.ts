/** Contracts of the acting organization (issue 12 §2): read by any member, signed online by its admin. */
import type { ContractStatus } from '@creditdesk/contract/bills'
import { http } from './client'

export interface Contract {
  id: number
  number: string
  type: string
  title: string
  status: ContractStatus | (string & {})
  signing_method: 'online' | 'offline' | (string & {})
  starts_on: string
  expires_on: string
  version: number
  signed_at: string | null
  signed_by_name: string | null
  /** this member may sign it online now (the server decides: admin, awaiting an online signature) */
  can_sign?: boolean
  file?: { name: string; size: number; mime_type: string }
}

export async function listContracts(): Promise<Contract[]> {
  const { data } = await http.get('/contracts')
  return Array.isArray(data) ? data : ((data as { data?: Contract[] })?.data ?? [])
}

/** GET /contracts/:id/link → a short-lived link to the contract's current file. */
export async function contractLink(id: number): Promise<string> {
  const { data } = await http.get<{ url: string }>(`/contracts/${id}/link`)
  return data.url
}

export async function signContract(id: number, name: string): Promise<void> {
  await http.post(`/contracts/${id}/sign`, { name, accept: true })
}
