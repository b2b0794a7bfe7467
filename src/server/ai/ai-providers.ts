import { ConfigError, type Config } from '../config';
import { createAnthropicProvider } from './anthropic-provider';
import { createOpenAiProvider } from './openai-provider';
import { PROVIDER_LABELS, PROVIDER_NAMES, type AiProvider, type ProviderName } from './provider';
import { createSandboxProvider, SANDBOX_MODEL } from './sandbox-provider';

/**
 * The providers a process drafts with, in the order `AI_PROVIDERS` gives
 * (default: every configured one, OpenAI first; the sample writer when none
 * is). Built once at start and shared by every request.
 */
export interface AiSetup {
  /** Tried in this order; empty when `AI_PROVIDERS` names none that is configured. */
  providers: AiProvider[];
  /** Every provider the app knows, for the composer to say what is set up and how. */
  status: ProviderStatus[];
  /** The time a person waits for one answer, fallbacks included. */
  timeoutMs: number;
}

export interface ProviderStatus {
  name: ProviderName;
  label: string;
  configured: boolean;
  /** Part of the chain drafts go through. */
  active: boolean;
  model: string | null;
  /** What to set to use it. */
  setup: string;
}

const SETUP: Record<ProviderName, string> = {
  openai:
    'Set OPENAI_API_KEY (and OPENAI_MODEL to choose the model). For Ollama, vLLM or LM Studio set OPENAI_BASE_URL to its /v1 address.',
  anthropic: 'Set ANTHROPIC_API_KEY (and ANTHROPIC_MODEL to choose the model).',
  sandbox:
    'Used when no provider is configured; writes sample text from the Brand Brain, not AI. Add "sandbox" to AI_PROVIDERS to keep it as a last resort.',
};

export function createAiProviders(config: Config): AiSetup {
  const available = availableProviders(config);
  const order = providerOrder(config, available);
  const providers = order.flatMap((name) => {
    const provider = available[name];
    return provider ? [provider] : [];
  });

  const status = PROVIDER_NAMES.map((name) => ({
    name,
    label: PROVIDER_LABELS[name],
    configured: available[name] !== undefined,
    active: providers.some((provider) => provider.name === name),
    model: available[name]?.model ?? null,
    setup: SETUP[name],
  }));

  return { providers, status, timeoutMs: config.AI_TIMEOUT_MS };
}

function availableProviders(config: Config): Partial<Record<ProviderName, AiProvider>> {
  const timeoutMs = config.AI_TIMEOUT_MS;
  const available: Partial<Record<ProviderName, AiProvider>> = { sandbox: createSandboxProvider() };

  // A local OpenAI-compatible server (Ollama, LM Studio) needs no key; the SDK still wants one.
  if (config.OPENAI_API_KEY || config.OPENAI_BASE_URL) {
    available.openai = createOpenAiProvider({
      apiKey: config.OPENAI_API_KEY ?? 'no-key',
      baseURL: config.OPENAI_BASE_URL,
      model: config.OPENAI_MODEL,
      timeoutMs,
    });
  }

  if (config.ANTHROPIC_API_KEY) {
    available.anthropic = createAnthropicProvider({
      apiKey: config.ANTHROPIC_API_KEY,
      baseURL: config.ANTHROPIC_BASE_URL,
      model: config.ANTHROPIC_MODEL,
      timeoutMs,
    });
  }

  return available;
}

function providerOrder(
  config: Config,
  available: Partial<Record<ProviderName, AiProvider>>,
): ProviderName[] {
  if (!config.AI_PROVIDERS) {
    const real = (['openai', 'anthropic'] as const).filter((name) => available[name]);
    return real.length > 0 ? [...real] : ['sandbox'];
  }

  const names = config.AI_PROVIDERS.split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);

  for (const name of names) {
    if (!(PROVIDER_NAMES as readonly string[]).includes(name)) {
      throw new ConfigError(
        `AI_PROVIDERS: unknown provider "${name}"; use a comma-separated list of ${PROVIDER_NAMES.join(', ')}`,
      );
    }
  }

  return [...new Set(names as ProviderName[])];
}

export { SANDBOX_MODEL };
