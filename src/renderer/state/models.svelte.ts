// Installed model bundles, and the import and conversion commands of the model manager.
import type { ApiClient } from '../../shared/api';
import type { BundleInfo, InferenceProvider } from '../../shared/domain';
import type { Notices } from './notices.svelte';

/** The installed bundles. */
export class ModelsStore {
  bundles = $state<BundleInfo[]>([]);
  loaded = $state(false);
  /** Where the engine runs models; undefined until the host answered, null when there is no engine. */
  provider = $state<InferenceProvider | null | undefined>(undefined);
  /** The conversion started from the models guide: its bundle is selected when it is done. */
  guidedJob = $state<string | null>(null);
  /** The bundle the guided conversion made (and selected), once it is done. */
  made = $state<string | null>(null);

  constructor(
    private readonly api: ApiClient,
    private readonly notices: Notices,
  ) {}

  /** Refetches the bundle list (and, the first time, asks where the engine runs). */
  async reload(): Promise<void> {
    if (this.provider === undefined) void this.loadProvider();
    try {
      this.bundles = await this.api.call('models.list', undefined);
    } catch (err) {
      this.notices.error(err, 'Could not list models');
    } finally {
      this.loaded = true;
    }
  }

  /** Asks the inference host for its execution provider (it starts the host when none is running). */
  private async loadProvider(): Promise<void> {
    try {
      this.provider = await this.api.call('models.provider', undefined);
    } catch (err) {
      this.provider = null;
      this.notices.error(err, 'Could not ask where models run');
    }
  }

  /** The bundle with an id, if installed. */
  find(id: string | undefined | null): BundleInfo | null {
    return this.bundles.find((b) => b.id === id) ?? null;
  }

  /** Imports a bundle folder; returns the job id. */
  async importBundle(path: string): Promise<string | null> {
    try {
      return (await this.api.call('models.import', { path })).jobId;
    } catch (err) {
      this.notices.error(err, 'Could not import the bundle');
      return null;
    }
  }

  /** Converts a released checkpoint into a bundle (followed by the guide); returns the job id. */
  async convert(lmPath: string, codecDir: string, fp16: boolean): Promise<string | null> {
    try {
      const { jobId } = await this.api.call('models.convert', { lmPath, codecDir, fp16 });
      this.guidedJob = jobId;
      this.made = null;
      return jobId;
    } catch (err) {
      this.notices.error(err, 'Could not start the conversion');
      return null;
    }
  }
}
