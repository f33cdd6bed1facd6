import { Input, type InputProps, type InputRef } from 'antd'
import { useLayoutEffect, useRef, type ChangeEvent } from 'react'
import { caretAfter, CODE_MAX_CHARS, formatCodeInput } from '../lib/redeemCode'

type Props = Omit<InputProps, 'value' | 'onChange'> & { value?: string; onChange?: (value: string) => void }

/**
 * A redemption-code field that upper-cases and adds the dashes while the customer types or pastes, and keeps the
 * caret where it was (editing in the middle of a code does not throw it to the end).
 */
export function CodeInput({ value, onChange, ...rest }: Props) {
  const ref = useRef<InputRef>(null)
  const caret = useRef<number | null>(null)

  useLayoutEffect(() => {
    const input = ref.current?.input
    if (caret.current !== null && input && document.activeElement === input) {
      input.setSelectionRange(caret.current, caret.current)
    }
    caret.current = null
  })

  const handleChange = (e: ChangeEvent<HTMLInputElement>) => {
    const raw = e.target.value
    const at = e.target.selectionStart ?? raw.length
    const formatted = formatCodeInput(raw)
    caret.current = caretAfter(formatted, raw.slice(0, at).replace(/[^A-Za-z0-9]/g, '').length)
    onChange?.(formatted)
  }

  return (
    <Input
      {...rest}
      ref={ref}
      value={value ?? ''}
      onChange={handleChange}
      autoComplete="off"
      autoCapitalize="characters"
      autoCorrect="off"
      spellCheck={false}
      inputMode="text"
      // letters/digits plus the dashes we insert, with room for a pasted code with spaces
      maxLength={CODE_MAX_CHARS + 16}
      className={['cd-code-input', rest.className].filter(Boolean).join(' ')}
    />
  )
}
