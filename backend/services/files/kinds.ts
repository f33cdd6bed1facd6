/**
 * The kinds of file an upload may be, told by the file's first bytes and its name together: the
 * name says what it claims to be, the bytes must agree (a renamed executable is no PDF). The MIME
 * type stored and served is ours, never the client's `Content-Type`. Which kinds are accepted is a
 * setting (config/creditdesk.ts `files.types`).
 */
import creditdesk from '#config/creditdesk'

type Kind = { name: string; extensions: string[]; mime: string; magic: (head: Buffer) => boolean }

const starts = (head: Buffer, bytes: number[]) => bytes.every((byte, i) => head[i] === byte)

export const FILE_KINDS: Kind[] = [
  { name: 'pdf', extensions: ['pdf'], mime: 'application/pdf', magic: (h) => h.subarray(0, 5).toString('latin1') === '%PDF-' },
  { name: 'png', extensions: ['png'], mime: 'image/png', magic: (h) => starts(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { name: 'jpeg', extensions: ['jpg', 'jpeg'], mime: 'image/jpeg', magic: (h) => starts(h, [0xff, 0xd8, 0xff]) },
  {
    name: 'docx',
    extensions: ['docx'],
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: (h) => starts(h, [0x50, 0x4b, 0x03, 0x04]),
  },
]

/** Bytes of a file's start that `detectKind` needs. */
export const HEAD_BYTES = 16

export const extensionOf = (name: string) => (/\.([a-z0-9]{1,10})$/i.exec(name)?.[1] ?? '').toLowerCase()

/** The accepted kind the file is, or null (unknown extension, a kind not accepted, or bytes that disagree). */
export function detectKind(name: string, head: Buffer, accepted: readonly string[] = creditdesk.files.types): Kind | null {
  const extension = extensionOf(name)
  const kind = FILE_KINDS.find((k) => k.extensions.includes(extension))
  if (!kind || !accepted.includes(kind.name) || !kind.magic(head)) return null
  return kind
}

/** "PDF, PNG, JPEG, DOCX" for messages. */
export const acceptedList = (accepted: readonly string[] = creditdesk.files.types) => accepted.map((t) => t.toUpperCase()).join(', ')
