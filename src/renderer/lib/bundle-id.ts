// The id of a bundle from the folder a convert or import job wrote it to (the folder is named after the id).

/** The last segment of a bundle folder path, with either separator and a trailing one ignored. */
export function bundleIdOf(folder: string): string {
  return (
    folder
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() ?? ''
  );
}
