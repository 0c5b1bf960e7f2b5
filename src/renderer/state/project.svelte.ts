// The open project as the editor sees it: a mirror of main's ProjectState, replaced by every API answer,
// with optimistic patches for edits so the UI responds before main confirms.
import type { ApiClient, ApiInput, ApiMethod, ApiOutput } from '../../shared/api';
import type { GenerationParams, PlanPreview, ProjectState, SeamInfo } from '../../shared/domain';
import type { SeamCurve } from '../../shared/timeline/seam-curve';
import type { Notices } from './notices.svelte';

/** Methods that answer with the new project state. */
type StateMethod = {
  [M in ApiMethod]: ApiOutput<M> extends ProjectState ? M : never;
}[ApiMethod];

/** The open project and the commands that edit it. */
export class ProjectStore {
  /** Replaced whole on every change (never mutated), so raw: no deep proxies over peaks and takes. */
  state = $state.raw<ProjectState | null>(null);
  /** A video is being opened (probe + project creation). */
  opening = $state(false);
  /** The last error of opening, shown in the empty state. */
  openError = $state<string | null>(null);
  /** The raw details of that error (ffprobe's log), when it has them. */
  openErrorDetails = $state<string | null>(null);

  readonly id = $derived(this.state?.id ?? null);
  readonly sampleRate = $derived(this.state?.sampleRate ?? 32000);
  readonly totalSamples = $derived(this.state?.totalSamples ?? 0);

  constructor(
    private readonly api: ApiClient,
    private readonly notices: Notices,
  ) {}

  /** Opens (or reopens) the project of a video file. */
  openVideo(path: string): Promise<boolean> {
    return this.load(() => this.api.call('project.openVideo', { path }));
  }

  /** Reopens a project from the recent list. */
  openProject(projectId: string): Promise<boolean> {
    return this.load(() => this.api.call('project.open', { projectId }));
  }

  /** Shows the project `fetch` returns; on failure keeps the current one and records the message. */
  private async load(fetch: () => Promise<ProjectState>): Promise<boolean> {
    this.opening = true;
    this.openError = null;
    this.openErrorDetails = null;
    const previous = this.id;
    try {
      this.state = await fetch();
      // Opening another project closes the one it replaces, so its lock does not outlive it.
      if (previous && previous !== this.state.id) void this.release(previous);
      return true;
    } catch (err) {
      this.openError =
        err instanceof Error ? err.message : String((err as { message?: unknown }).message ?? err);
      const details = (err as { details?: unknown } | null)?.details;
      this.openErrorDetails = typeof details === 'string' ? details : null;
      return false;
    } finally {
      this.opening = false;
    }
  }

  /** Closes the open project: main cancels its jobs and releases its lock; the editor returns to the start. */
  async close(): Promise<void> {
    const id = this.id;
    if (!id) return;
    this.state = null;
    this.openError = null;
    this.openErrorDetails = null;
    await this.release(id);
  }

  /** Tells main the editor no longer holds `projectId` (also on page unload, when nothing can wait). */
  async release(projectId: string): Promise<void> {
    try {
      await this.api.call('project.close', { projectId });
    } catch (err) {
      this.notices.error(err, 'Could not close the project');
    }
  }

  /** Points the project at the video's new location (matched by content hash in main). */
  relink(path: string): Promise<void> {
    return this.withId((projectId) => this.run('project.relink', { projectId, path }));
  }

  /** The newest revision announced (of the project last named), a read under way, commands awaiting replies. */
  #announced = { projectId: '', revision: 0 };
  #reading = false;
  #commands = 0;

  /** Takes main's change event (a job's, another window's or this editor's own edit) with its revision. */
  changed(projectId: string, revision: number): Promise<void> {
    const same = this.#announced.projectId === projectId;
    this.#announced = { projectId, revision: same ? Math.max(this.#announced.revision, revision) : revision };
    return this.#catchUp();
  }

  /**
   * Reads the project again only while an announced revision is ahead of the one shown, one read at a time
   * (a burst of events is one read, repeated while still behind), and not while a command awaits its reply:
   * the reply carries the revision its own event announced.
   */
  async #catchUp(): Promise<void> {
    if (this.#reading || this.#commands > 0) return;
    this.#reading = true;
    try {
      let shown = this.state;
      while (shown && this.#ahead(shown)) {
        const next = await this.api.call('project.get', { projectId: shown.id });
        if (next.revision <= shown.revision) break;
        this.#accept(next);
        shown = this.state;
      }
    } catch (err) {
      this.notices.error(err, 'Could not reload the project');
    } finally {
      this.#reading = false;
    }
  }

  /** Main announced a newer revision of this project than `shown`. */
  #ahead(shown: ProjectState): boolean {
    return this.#announced.projectId === shown.id && this.#announced.revision > shown.revision;
  }

  /** Shows a state from main unless the one shown is a newer revision of the same project. */
  #accept(next: ProjectState): void {
    if (!this.state || next.id !== this.state.id || next.revision >= this.state.revision) this.state = next;
  }

  /** Runs a state-returning command with an optional optimistic patch, reverting it on failure. */
  async run<M extends StateMethod>(
    method: M,
    input: ApiInput<M>,
    optimistic?: (s: ProjectState) => ProjectState,
  ): Promise<void> {
    const before = this.state;
    if (before && optimistic) this.state = optimistic(before);
    this.#commands++;
    try {
      this.#accept((await this.api.call(method, input)) as ProjectState);
    } catch (err) {
      if (optimistic) this.state = before;
      this.notices.error(err);
    } finally {
      this.#commands--;
      void this.#catchUp();
    }
  }

  /** Changes the window plan (length and overlap in samples; seams at cuts as they are unless given). */
  setPlan(
    windowSamples: number,
    overlapSamples: number,
    sceneSeams = this.state?.sceneSeams ?? false,
  ): Promise<void> {
    return this.withId((projectId) =>
      this.run('project.setPlan', { projectId, windowSamples, overlapSamples, sceneSeams }, (s) => ({
        ...s,
        plan: { windowSamples, overlapSamples },
      })),
    );
  }

  /** Which windows' takes a plan change would hide; null when it cannot be told (the error is shown). */
  async previewPlan(
    windowSamples: number,
    overlapSamples: number,
    sceneSeams = this.state?.sceneSeams ?? false,
  ): Promise<PlanPreview | null> {
    const projectId = this.id;
    if (!projectId) return null;
    try {
      return await this.api.call('project.previewPlan', {
        projectId,
        windowSamples,
        overlapSamples,
        sceneSeams,
      });
    } catch (err) {
      this.notices.error(err);
      return null;
    }
  }

  /** Changes generation parameters for the next takes. */
  setParams(params: Partial<GenerationParams>): Promise<void> {
    return this.withId((projectId) =>
      this.run('project.setParams', { projectId, params }, (s) => ({
        ...s,
        params: { ...s.params, ...params },
      })),
    );
  }

  /** Switches the model bundle. */
  setBundle(bundleId: string): Promise<void> {
    return this.withId((projectId) =>
      this.run('project.setBundle', { projectId, bundleId }, (s) => ({ ...s, bundleId })),
    );
  }

  /** Picks the take a window plays. */
  selectTake(windowId: string, takeId: string): Promise<void> {
    return this.withId((projectId) =>
      this.run('take.select', { projectId, windowId, takeId }, (s) => ({
        ...s,
        windows: s.windows.map((w) => (w.id === windowId ? { ...w, selectedTakeId: takeId } : w)),
      })),
    );
  }

  /** Stars or unstars a take. */
  starTake(takeId: string, starred: boolean): Promise<void> {
    return this.withId((projectId) =>
      this.run('take.star', { projectId, takeId, starred }, (s) => ({
        ...s,
        windows: s.windows.map((w) => ({
          ...w,
          takes: w.takes.map((t) => (t.id === takeId ? { ...t, starred } : t)),
        })),
      })),
    );
  }

  /** Deletes a take (undoable in main). */
  deleteTake(takeId: string): Promise<void> {
    return this.withId((projectId) => this.run('take.delete', { projectId, takeId }));
  }

  /** Sets a seam's crossfade; called once at the end of a drag. */
  setSeam(seam: SeamInfo, lengthSamples: number, curve: SeamCurve): Promise<void> {
    return this.withId((projectId) =>
      this.run('seam.set', { projectId, seamId: seam.id, lengthSamples, curve }, (s) => ({
        ...s,
        seams: s.seams.map((x) => (x.id === seam.id ? { ...x, lengthSamples, curve } : x)),
      })),
    );
  }

  /** Undoes the last edit. */
  undo(): Promise<void> {
    return this.withId((projectId) =>
      this.state?.history.canUndo ? this.run('history.undo', { projectId }) : Promise.resolve(),
    );
  }

  /** Redoes the last undone edit. */
  redo(): Promise<void> {
    return this.withId((projectId) =>
      this.state?.history.canRedo ? this.run('history.redo', { projectId }) : Promise.resolve(),
    );
  }

  /** Renames the project. */
  rename(name: string): Promise<void> {
    return this.withId((projectId) =>
      this.run('project.rename', { projectId, name }, (s) => ({ ...s, name })),
    );
  }

  /** Queues generation for some windows (null = all); returns the job ids. */
  async generate(windowIndices: number[] | null): Promise<string[]> {
    const projectId = this.id;
    if (!projectId) return [];
    try {
      return (await this.api.call('generate.windows', { projectId, windowIndices })).jobIds;
    } catch (err) {
      this.notices.error(err, 'Could not start generation');
      return [];
    }
  }

  /** Moves a seam so it is centred on another detected cut (sample position). */
  moveSeamToCut(seamId: string, cut: number): Promise<void> {
    return this.withId((projectId) => this.run('seam.moveToCut', { projectId, seamId, cut }));
  }

  /** Queues an independent take of the window after a seam (a new cue there); returns the job id. */
  async newCue(seamId: string): Promise<string | null> {
    const projectId = this.id;
    if (!projectId) return null;
    try {
      return (await this.api.call('seam.newCue', { projectId, seamId })).jobId;
    } catch (err) {
      this.notices.error(err, 'Could not start the new cue');
      return null;
    }
  }

  /** Queues "Continue from here": the window after `windowId` (or, rippling, all that follow) prompted by its
   * selected take; returns the job id. */
  async continueFrom(windowId: string, ripple: boolean): Promise<string | null> {
    const projectId = this.id;
    if (!projectId) return null;
    try {
      return (await this.api.call('generate.continue', { projectId, windowId, ripple })).jobId;
    } catch (err) {
      this.notices.error(err, 'Could not continue from this window');
      return null;
    }
  }

  private async withId(fn: (projectId: string) => Promise<void>): Promise<void> {
    if (this.id) await fn(this.id);
  }
}
