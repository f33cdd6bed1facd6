/**
 * The demo price catalog: models of each kind with list-like sell prices (USD of the ledger
 * asset per billing unit; token prices per 1M tokens), the channels that serve them with their
 * cost prices, and how heavily demo traffic uses each model. Prices follow public list prices of
 * late 2025 closely enough to look real; costs sit 12–30 % below, as a reseller's volume rates do.
 *
 * `history`: models whose price changed during the demo window — version 1 was in force until
 * `daysAgo`, so usage before and after that day is priced by different versions.
 */
import type { BillingUnit, ModelKind } from '#contract/usage'

export type TokenPrices = { input: string; output: string; cacheRead?: string; cacheWrite?: string }
export type DemoModel = {
  code: string
  name: string
  vendor: string
  kind: ModelKind
  unit: BillingUnit
  /** Token models: per 1M tokens. Others: `unit` is the price per image / second / request. */
  price: TokenPrices | { unit: string }
  /** An earlier price, replaced `daysAgo` days before the seed. */
  history?: { daysAgo: number; price: TokenPrices | { unit: string }; reason: string }
  /** Relative share of the demo traffic within its kind. */
  weight: number
  /** Channels serving it, first = primary. */
  channels: ChannelName[]
}

const t = (input: string, output: string, cacheRead?: string, cacheWrite?: string): TokenPrices => ({ input, output, cacheRead, cacheWrite })
const u = (unit: string) => ({ unit })

export const DEMO_CHANNELS = [
  { name: 'OpenAI Official', type: 'openai', base_url: 'https://api.openai.com/v1', priority: 10, weight: 5, costRatio: '0.85', keyPrefix: 'sk-proj-' },
  { name: 'Vertex AI us-central1', type: 'google', base_url: 'https://us-central1-aiplatform.googleapis.com/v1', priority: 10, weight: 5, costRatio: '0.82', keyPrefix: 'AIzaSy' },
  { name: 'Relay Hub Asia', type: 'custom', base_url: 'https://api.relayhub.example/v1', priority: 5, weight: 2, costRatio: '0.72', keyPrefix: 'rh-live-' },
] as const
export type ChannelName = (typeof DEMO_CHANNELS)[number]['name']

const OPENAI: ChannelName[] = ['OpenAI Official', 'Relay Hub Asia']
const GOOGLE: ChannelName[] = ['Vertex AI us-central1', 'Relay Hub Asia']
const RELAY: ChannelName[] = ['Relay Hub Asia']

export const DEMO_MODELS: DemoModel[] = [
  // text (per 1M tokens: input, output, cache read, cache write)
  { code: 'gpt-4o', name: 'GPT-4o', vendor: 'OpenAI', kind: 'text', unit: 'per_1m_tokens', price: t('2.50', '10.00', '1.25'), weight: 14, channels: OPENAI },
  { code: 'gpt-4o-mini', name: 'GPT-4o mini', vendor: 'OpenAI', kind: 'text', unit: 'per_1m_tokens', price: t('0.15', '0.60', '0.075'), weight: 26, channels: OPENAI },
  { code: 'gpt-4.1', name: 'GPT-4.1', vendor: 'OpenAI', kind: 'text', unit: 'per_1m_tokens', price: t('2.00', '8.00', '0.50'), history: { daysAgo: 38, price: t('2.50', '10.00', '1.25'), reason: 'Launch discount ends; aligned with the provider list price' }, weight: 6, channels: OPENAI },
  { code: 'claude-sonnet-4', name: 'Claude Sonnet 4', vendor: 'Anthropic', kind: 'text', unit: 'per_1m_tokens', price: t('3.00', '15.00', '0.30', '3.75'), weight: 16, channels: RELAY },
  { code: 'claude-haiku-3.5', name: 'Claude Haiku 3.5', vendor: 'Anthropic', kind: 'text', unit: 'per_1m_tokens', price: t('0.80', '4.00', '0.08', '1.00'), weight: 8, channels: RELAY },
  { code: 'claude-opus-4', name: 'Claude Opus 4', vendor: 'Anthropic', kind: 'text', unit: 'per_1m_tokens', price: t('15.00', '75.00', '1.50', '18.75'), weight: 2, channels: RELAY },
  { code: 'gemini-2.5-pro', name: 'Gemini 2.5 Pro', vendor: 'Google', kind: 'text', unit: 'per_1m_tokens', price: t('1.25', '10.00', '0.31'), weight: 8, channels: GOOGLE },
  { code: 'gemini-2.5-flash', name: 'Gemini 2.5 Flash', vendor: 'Google', kind: 'text', unit: 'per_1m_tokens', price: t('0.30', '2.50', '0.075'), history: { daysAgo: 27, price: t('0.15', '0.60', '0.0375'), reason: 'Provider raised the list price at general availability' }, weight: 12, channels: GOOGLE },
  { code: 'deepseek-v3', name: 'DeepSeek V3', vendor: 'DeepSeek', kind: 'text', unit: 'per_1m_tokens', price: t('0.27', '1.10', '0.07'), weight: 9, channels: RELAY },
  { code: 'qwen-max', name: 'Qwen Max', vendor: 'Alibaba Cloud', kind: 'text', unit: 'per_1m_tokens', price: t('1.60', '6.40'), weight: 4, channels: RELAY },

  // image (per image)
  { code: 'dall-e-3', name: 'DALL·E 3', vendor: 'OpenAI', kind: 'image', unit: 'per_image', price: u('0.040'), weight: 10, channels: OPENAI },
  { code: 'gpt-image-1', name: 'GPT Image 1', vendor: 'OpenAI', kind: 'image', unit: 'per_image', price: u('0.042'), weight: 18, channels: OPENAI },
  { code: 'imagen-4', name: 'Imagen 4', vendor: 'Google', kind: 'image', unit: 'per_image', price: u('0.040'), weight: 12, channels: GOOGLE },
  { code: 'imagen-4-fast', name: 'Imagen 4 Fast', vendor: 'Google', kind: 'image', unit: 'per_image', price: u('0.020'), weight: 10, channels: GOOGLE },
  { code: 'flux-pro-1.1', name: 'FLUX1.1 [pro]', vendor: 'Black Forest Labs', kind: 'image', unit: 'per_image', price: u('0.040'), weight: 14, channels: RELAY },
  { code: 'flux-schnell', name: 'FLUX.1 [schnell]', vendor: 'Black Forest Labs', kind: 'image', unit: 'per_image', price: u('0.003'), weight: 12, channels: RELAY },
  { code: 'stable-diffusion-3.5', name: 'Stable Diffusion 3.5 Large', vendor: 'Stability AI', kind: 'image', unit: 'per_image', price: u('0.065'), weight: 5, channels: RELAY },
  { code: 'ideogram-v3', name: 'Ideogram 3.0', vendor: 'Ideogram', kind: 'image', unit: 'per_image', price: u('0.060'), weight: 5, channels: RELAY },
  { code: 'seedream-3', name: 'Seedream 3.0', vendor: 'ByteDance', kind: 'image', unit: 'per_image', price: u('0.030'), weight: 8, channels: RELAY },

  // video (per second of output)
  { code: 'veo-3', name: 'Veo 3', vendor: 'Google', kind: 'video', unit: 'per_second', price: u('0.40'), history: { daysAgo: 45, price: u('0.75'), reason: 'Provider price cut' }, weight: 10, channels: GOOGLE },
  { code: 'veo-3-fast', name: 'Veo 3 Fast', vendor: 'Google', kind: 'video', unit: 'per_second', price: u('0.15'), history: { daysAgo: 45, price: u('0.40'), reason: 'Provider price cut' }, weight: 22, channels: GOOGLE },
  { code: 'sora-2', name: 'Sora 2', vendor: 'OpenAI', kind: 'video', unit: 'per_second', price: u('0.10'), weight: 18, channels: OPENAI },
  { code: 'sora-2-pro', name: 'Sora 2 Pro', vendor: 'OpenAI', kind: 'video', unit: 'per_second', price: u('0.30'), weight: 5, channels: OPENAI },
  { code: 'kling-2.1', name: 'Kling 2.1 Master', vendor: 'Kuaishou', kind: 'video', unit: 'per_second', price: u('0.28'), weight: 12, channels: RELAY },
  { code: 'runway-gen4-turbo', name: 'Runway Gen-4 Turbo', vendor: 'Runway', kind: 'video', unit: 'per_second', price: u('0.05'), weight: 10, channels: RELAY },
  { code: 'hailuo-02', name: 'MiniMax Hailuo 02', vendor: 'MiniMax', kind: 'video', unit: 'per_second', price: u('0.045'), weight: 9, channels: RELAY },
  { code: 'seedance-1-pro', name: 'Seedance 1.0 Pro', vendor: 'ByteDance', kind: 'video', unit: 'per_second', price: u('0.06'), weight: 8, channels: RELAY },
  { code: 'luma-ray-2', name: 'Luma Ray 2', vendor: 'Luma AI', kind: 'video', unit: 'per_second', price: u('0.08'), weight: 6, channels: RELAY },

  // audio (speech to text per second of audio; text to speech per 1M characters as input tokens; music per request)
  { code: 'whisper-1', name: 'Whisper', vendor: 'OpenAI', kind: 'audio', unit: 'per_second', price: u('0.0001'), weight: 25, channels: OPENAI },
  { code: 'gpt-4o-transcribe', name: 'GPT-4o Transcribe', vendor: 'OpenAI', kind: 'audio', unit: 'per_1m_tokens', price: t('2.50', '10.00'), weight: 10, channels: OPENAI },
  { code: 'gpt-4o-mini-tts', name: 'GPT-4o mini TTS', vendor: 'OpenAI', kind: 'audio', unit: 'per_1m_tokens', price: t('0.60', '12.00'), weight: 12, channels: OPENAI },
  { code: 'tts-1', name: 'TTS-1', vendor: 'OpenAI', kind: 'audio', unit: 'per_1m_tokens', price: t('15.00', '0'), weight: 14, channels: OPENAI },
  { code: 'tts-1-hd', name: 'TTS-1 HD', vendor: 'OpenAI', kind: 'audio', unit: 'per_1m_tokens', price: t('30.00', '0'), weight: 6, channels: OPENAI },
  { code: 'chirp-3', name: 'Chirp 3 Speech-to-Text', vendor: 'Google', kind: 'audio', unit: 'per_second', price: u('0.00027'), weight: 8, channels: GOOGLE },
  { code: 'eleven-multilingual-v2', name: 'ElevenLabs Multilingual v2', vendor: 'ElevenLabs', kind: 'audio', unit: 'per_1m_tokens', price: t('180.00', '0'), weight: 5, channels: RELAY },
  { code: 'suno-v4.5', name: 'Suno v4.5', vendor: 'Suno', kind: 'audio', unit: 'per_request', price: u('0.08'), weight: 6, channels: RELAY },
]

/** Discount by customer tier (customers.tier: free, basic, pro, enterprise). */
export const DEMO_TIER_MULTIPLIERS = { free: '1.0000', basic: '0.9500', pro: '0.9000', enterprise: '0.8000' } as const
