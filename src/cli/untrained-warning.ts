// The one line the command line prints before it makes music with a bundle of random weights (a test bundle).

/** What the warning needs to know of a bundle. */
export interface BundleTrust {
  id: string;
  name: string;
  trained: boolean;
}

/** The warning line (with its newline) for an untrained bundle, or '' for a trained one. */
export function untrainedWarning(bundle: BundleTrust | null | undefined): string {
  if (!bundle || bundle.trained) return '';
  return `warning: model "${bundle.name}" (${bundle.id}) is untrained: its output is noise. Convert a released checkpoint with \`convert\` for real music.\n`;
}
