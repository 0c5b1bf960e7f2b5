// The --ep option of every command that runs inference: which execution provider to ask for.
import type { ProviderRequest } from '../inference';
import { UsageError } from './command';

/** Accepted --ep values. */
export const EP_VALUES = ['auto', 'cpu', 'webgpu', 'cuda', 'dml', 'coreml'] as const;

/** Usage text of --ep. */
export const EP_USAGE = `[--ep ${EP_VALUES.join('|')}]`;

/** The provider request of an --ep value ('auto' when absent); a UsageError names a value that is not one. */
export function parseEp(value: string | undefined): ProviderRequest {
  const ep = value ?? 'auto';
  if (!(EP_VALUES as readonly string[]).includes(ep))
    throw new UsageError(`--ep must be one of ${EP_VALUES.join(', ')}, got "${ep}"`);
  return ep as ProviderRequest;
}
