// The one wording of an out-of-range number, for the inspector's fields and the export dialog alike.

/** Why `value` is not accepted for a field bounded by [min, max], or null when it is. */
export function outOfRange(label: string, value: number, min: number, max: number, unit = ''): string | null {
  if (Number.isFinite(value) && value >= min && value <= max) return null;
  const u = unit ? ` ${unit}` : '';
  return `${label} must be between ${min} and ${max}${u}.`;
}
