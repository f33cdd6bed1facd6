import type { NotificationWire } from '#contract/notifications'

/** A notifications row as the portal reads it. */
export function presentNotification(row: Record<string, any>): NotificationWire {
  return {
    id: Number(row.id),
    kind: row.kind,
    severity: row.severity,
    title: row.title,
    body: row.body,
    data: row.data ?? {},
    read_at: row.read_at ? new Date(row.read_at).toISOString() : null,
    created_at: new Date(row.created_at).toISOString(),
  }
}
