// How a transport (Electron main, the loopback bridge, the CLI, tests) configures a studio.
import type { InferenceProvider } from '../../shared/domain';
import type { WindowGenerator } from './generator';
import type { CodeDecoder } from './project-music';
import type { BundleConverter } from './runners/convert-job';
import type { ExportRunner } from './runners/export-job';

/** Options of createStudio. */
export interface StudioOptions {
  /** Folder holding library.db and the file store (created if missing). */
  libraryDir: string;
  /** Folders searched for model bundles (each a bundle or a folder of bundles). */
  bundleDirs: string[];
  /** Where models.import installs bundles (default: the last of bundleDirs). */
  userBundleDir?: string;
  /** URL under which the transport serves a local file (media protocol or bridge token). */
  mediaUrl: (file: string) => string;
  /** Generates one window; absent, generation fails with a clear error. */
  generator?: WindowGenerator;
  /** Decodes the joined codes of continuous takes; absent, every seam crossfades. */
  decoder?: CodeDecoder;
  /** Converts a checkpoint into a bundle; absent, conversion fails with a clear error. */
  converter?: BundleConverter;
  /** Asks the inference host which execution provider it runs on; absent, no engine is reported. */
  provider?: () => Promise<InferenceProvider>;
  /** Renders an export; absent, the built-in mixdown + export is used. */
  exporter?: ExportRunner;
  /** Native dialogs, when the transport has them. */
  dialogs?: {
    openVideo: () => Promise<{ path: string } | null>;
    saveFile: (defaultPath: string) => Promise<{ path: string } | null>;
    /** A file or folder picker (the model checkpoint and the codec folder). */
    openPath?: (kind: 'file' | 'folder', title: string) => Promise<{ path: string } | null>;
  };
  mode?: 'electron' | 'web';
  version?: string;
  /** Where detected cuts are cached by video content (default: `cuts` beside the library). */
  cutsCacheDir?: string;
  /** Unreferenced files younger than this survive garbage collection (default one hour). */
  gcGraceMs?: number;
}
