// Installed model bundles, and the import and conversion commands of the model manager.
import type { ApiClient } from '../../shared/api';
import type { BundleInfo } from '../../shared/domain';
import type { Notices } from './notices.svelte';

/** The installed bundles. */
export class ModelsStore {
  bundles = $state<BundleInfo[]>([]);
  loaded = $state(false);

  constructor(
    private readonly api: ApiClient,
    private readonly notices: Notices,
  ) {}

  /** Refetches the bundle list. */
  async reload(): Promise<void> {
    try {
      this.bundles = await this.api.call('models.list', undefined);
    } catch (err) {
      this.notices.error(err, 'Could not list models');
    } finally {
      this.loaded = true;
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

  /** Converts a released checkpoint into a bundle; returns the job id. */
  async convert(lmPath: string, codecDir: string, fp16: boolean): Promise<string | null> {
    try {
      return (await this.api.call('models.convert', { lmPath, codecDir, fp16 })).jobId;
    } catch (err) {
      this.notices.error(err, 'Could not start the conversion');
      return null;
    }
  }
}
