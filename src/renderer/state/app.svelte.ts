// The editor's root state: creates every store once, wires API events to them and holds the commands that
// span several stores (regenerate the selection, pick a take, open a video).
import { tick, untrack } from 'svelte';
import type { ApiClient, MenuCommand } from '../../shared/api';
import type { JobInfo, ProjectState, WindowInfo } from '../../shared/domain';
import { bundleIdOf } from '../lib/bundle-id';
import { windowsCovering } from '../lib/timeline-math';
import { Audition } from './audition.svelte';
import { JobsStore } from './jobs.svelte';
import { Mixer } from './mixer.svelte';
import { ModelsStore } from './models.svelte';
import { MusicPlayer } from './music-player.svelte';
import { Notices } from './notices.svelte';
import { Panels } from './panels.svelte';
import { ProjectStore } from './project.svelte';
import { SeamEdits } from './seam-edits.svelte';
import { Selection } from './selection.svelte';
import { SourceAudio } from './source-audio.svelte';
import { Thumbnails } from './thumbnails.svelte';
import { TimelineView } from './timeline-view.svelte';
import { Transport } from './transport.svelte';

/** Everything the editor's components read and call. */
export class AppState {
  readonly notices = new Notices();
  readonly project: ProjectStore;
  readonly jobs: JobsStore;
  readonly models: ModelsStore;
  readonly selection = new Selection();
  readonly panels = new Panels();
  readonly view = new TimelineView();
  readonly transport = new Transport();
  readonly mixer = new Mixer();
  readonly music = new MusicPlayer(this.mixer, (projectId, audition) =>
    this.api.call('music.playback', { projectId, audition }),
  );
  readonly audition = new Audition(this.music);
  readonly thumbnails = new Thumbnails();
  readonly sourceAudio: SourceAudio;
  readonly seams: SeamEdits;
  /** 'electron' or 'web' (no native file dialogs or drag-and-drop paths in the web harness). */
  mode = $state<'electron' | 'web'>('web');
  version = $state('');

  /** The project's bundle, or null while unknown. */
  readonly bundle = $derived.by(() => this.models.find(this.project.state?.bundleId));
  /** The selected window, if any. */
  readonly selectedWindow = $derived.by(() =>
    this.selection.windowIndex === null
      ? null
      : (this.project.state?.windows[this.selection.windowIndex] ?? null),
  );

  constructor(readonly api: ApiClient) {
    this.project = new ProjectStore(api, this.notices);
    this.jobs = new JobsStore(api, this.notices);
    this.models = new ModelsStore(api, this.notices);
    this.sourceAudio = new SourceAudio(api, this.notices);
    this.seams = new SeamEdits(this.music, this.project);
  }

  /** Subscribes to main's events and loads the first data; returns the disposer. */
  start(): () => void {
    const offJobs = this.jobs.start((job) => {
      if (job.status === 'failed' && job.error)
        this.notices.push('error', `${job.label}: ${job.error.message}`, job.error.details);
      if (job.kind === 'convert' || job.kind === 'import')
        void this.models.reload().then(() => this.#adopt(job));
    });
    const offProject = this.api.on('project', (e) => {
      // A finished job that changed the project announced it here, with the revision it made.
      if (e.projectId === this.project.id) void this.project.changed(e.projectId, e.revision);
    });
    const offMenu = this.api.on('menu', (e) => this.runCommand(e.command));
    void this.models.reload();
    void this.api.call('app.info', undefined).then(
      (info) => {
        this.mode = info.mode;
        this.version = info.version;
      },
      () => undefined,
    );
    const offEffects = $effect.root(() => this.#effects());
    return () => {
      offJobs();
      offProject();
      offMenu();
      offEffects();
      this.music.dispose();
      this.thumbnails.clear();
    };
  }

  /** Opens a video file by path and resets the view for it. */
  async openVideo(path: string): Promise<void> {
    if (await this.project.openVideo(path)) this.#opened();
  }

  /** Reopens a project of the recent list and resets the view for it. */
  async openProject(projectId: string): Promise<void> {
    if (await this.project.openProject(projectId)) this.#opened();
  }

  /** Closes the project (its lock released in main) and returns to the start screen. */
  async closeProject(): Promise<void> {
    if (!this.project.state) return;
    this.transport.pause();
    this.panels.close();
    this.selection.clear();
    this.audition.clear();
    this.sourceAudio.clear();
    this.#lastMedia = '';
    const closing = this.project.close();
    // The strip's images go with the editor; their blob URLs are revoked only once it is gone.
    await tick();
    this.thumbnails.clear();
    await closing;
  }

  /** Runs a project command from the menu or its shortcut (Open…, Open Recent…, Close Project). */
  runCommand(command: MenuCommand): void {
    if (command === 'close-project') void this.closeProject();
    else this.panels.modal = 'open';
  }

  #opened(): void {
    this.selection.clear();
    this.audition.clear();
    if (this.panels.modal === 'open') this.panels.close();
  }

  /** Selects the bundle the guided conversion made, for the open project too, once the list has it. */
  #adopt(job: JobInfo): void {
    if (job.id !== this.models.guidedJob || job.status !== 'done' || !job.result) return;
    const id = bundleIdOf(job.result);
    this.models.guidedJob = null;
    this.models.made = id;
    if (this.project.state && this.models.find(id)) void this.project.setBundle(id);
  }

  /** Asks the native dialog for a video; returns false when there is none (web harness) or it was cancelled. */
  async openByDialog(): Promise<boolean> {
    try {
      const picked = await this.api.call('dialog.openVideo', undefined);
      if (!picked) return false;
      await this.openVideo(picked.path);
      return true;
    } catch (err) {
      this.notices.error(err);
      return false;
    }
  }

  /** Window indices the R key regenerates: the dragged segment's windows, else the selected window, else all. */
  regenerateTargets(): number[] | null {
    const s = this.project.state;
    if (!s) return [];
    const seg = this.selection.segment;
    if (seg) return windowsCovering(s.windows, seg.start, seg.end);
    if (this.selection.windowIndex !== null) return [this.selection.windowIndex];
    return null;
  }

  /** Generates the selection (or everything when nothing is selected). */
  async regenerate(): Promise<void> {
    const targets = this.regenerateTargets();
    if (targets && targets.length === 0) return;
    await this.project.generate(targets);
  }

  /** Generates every window, followed as one batch (overall progress and ETA in the top bar). */
  async generateAll(): Promise<void> {
    this.jobs.trackBatch(await this.project.generate(null));
  }

  /** Auditions a take in place of its window's selected one (A/B button), looping the window while it plays. */
  auditionTake(w: WindowInfo, takeId: string): void {
    const fresh = this.audition.of(w.id) === null;
    const side = this.audition.toggle(w, takeId);
    this.#loopWindow(w, side === 'B', fresh);
  }

  /** The B key: toggles the selected window (else the one under the playhead) between its take and the auditioned one. */
  flipAB(): void {
    const s = this.project.state;
    const at = this.transport.position;
    const w = this.selectedWindow ?? s?.windows.find((x) => at >= x.start && at < x.end) ?? null;
    if (!w) return;
    const side = this.audition.flip(w);
    if (side === null) this.notices.push('info', `Window ${w.index + 1} has no other take to compare.`);
    else this.#loopWindow(w, true, at < w.start || at >= w.end);
  }

  #loopWindow(w: WindowInfo, on: boolean, fromStart: boolean): void {
    const t = this.transport;
    t.loop = { start: w.start, end: w.end };
    t.loopOn = on;
    if (fromStart) t.seek(w.start);
    if (!t.playing && on) t.play();
  }

  /** Selects take n (1-based) of the selected window. */
  pickTake(n: number): void {
    const w = this.selectedWindow;
    const take = w?.takes[n - 1];
    if (w && take) void this.project.selectTake(w.id, take.id);
  }

  #effects(): void {
    $effect(() => {
      const s = this.project.state;
      if (!s) return;
      this.#syncMedia(s);
      untrack(() => this.jobs.nameProject(s.id, s.name));
    });
    $effect(() => {
      const s = this.project.state;
      void this.music.audition;
      void this.music.seamPreview;
      if (!s) return;
      // A seam drag changes the preview on every pointer move: remix at most once per frame.
      const frame = requestAnimationFrame(() => void this.music.rebuild(s));
      return () => cancelAnimationFrame(frame);
    });
    $effect(() => {
      void this.mixer.musicDb;
      void this.mixer.musicAudible;
      this.music.applyLevels();
    });
    $effect(() =>
      this.transport.onClock((sec, playing) =>
        this.music.follow(sec, playing, this.transport.frame / this.transport.sampleRate),
      ),
    );
  }

  #lastMedia = '';
  #syncMedia(s: ProjectState): void {
    const key = `${s.id}|${s.media.url}`;
    if (key === this.#lastMedia) return;
    this.#lastMedia = key;
    this.transport.sampleRate = s.sampleRate;
    this.transport.total = s.totalSamples;
    this.transport.fps = { num: s.media.info.fps.num, den: s.media.info.fps.den };
    this.transport.loopOn = false;
    this.view.setTotal(s.totalSamples);
    this.music.prepare();
    const info = s.media.info;
    void this.thumbnails.load(s.media.url, info.durationSeconds, info.width / Math.max(1, info.height));
    void this.sourceAudio.load(s.id, info.hasAudio && !s.media.missing);
  }
}
