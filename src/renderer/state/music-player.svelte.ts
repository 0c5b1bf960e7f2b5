// Live music playback with Tone.js: the clips main renders like the export (each run of continuous windows
// one codec decode) mixed by the shared mixdown with the crossfades between runs into one buffer, played
// locked to the video clock and restarted whenever it drifts by half a frame. The clips are asked for again
// only when the takes or seam states change, and the buffer is mixed again only when clips or fades change.
import * as Tone from 'tone';
import type { PlaybackMix, ProjectState } from '../../shared/domain';
import { mixdown } from '../../shared/timeline/mixdown';
import { parseWav } from '../../shared/timeline/wav';
import { clipsKey, fadesKey, playbackPlan, type SeamPreview } from '../lib/playback-plan';
import type { Mixer } from './mixer.svelte';

export type { SeamPreview } from '../lib/playback-plan';

/** Asks main for the playback clips of a project, with takes auditioned in place of some windows' ones. */
export type PlaybackSource = (
  projectId: string,
  audition: { windowId: string; takeId: string }[],
) => Promise<PlaybackMix>;

interface Nodes {
  player: Tone.Player;
  volume: Tone.Volume;
  meter: Tone.Meter;
}

/** Plays the mix; owns its Tone nodes. */
export class MusicPlayer {
  /** Take auditioned in place of a window's selected take (A/B), by window id. */
  audition = $state<Record<string, string>>({});
  seamPreview = $state<SeamPreview | null>(null);
  loading = $state(false);
  /** Smoothed music − video offset in seconds while playing (the sync readout). */
  drift = $state(0);
  /** Times the music was re-locked to the video since the last start. */
  relocks = $state(0);
  /** Times the buffer was mixed (a project event that changes no take or seam mixes nothing). */
  mixes = 0;
  /** Why the last clips could not be rendered, or null. */
  error = $state<string | null>(null);

  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache of decoded audio, never rendered
  #cache = new Map<string, Promise<Float32Array | null>>();
  #nodes: Nodes | null = null;
  #buffer: AudioBuffer | null = null;
  #startedAt = 0;
  #offset = 0;
  #running = false;
  #needsStart = false;
  #avg = 0;
  #build = 0;
  #clips: { key: string; mix: Promise<PlaybackMix> } | null = null;
  #mixed = '';

  constructor(
    private readonly mixer: Mixer,
    private readonly source: PlaybackSource,
  ) {}

  /** The music bus meter (created on first use). */
  get meter(): Tone.Meter {
    return this.#ensure().meter;
  }

  /** Creates the audio graph ahead of use (opening a project), so the first take does not pay for it. */
  prepare(): void {
    this.#ensure();
    this.#suspend();
  }

  /** Rebuilds the mixed buffer for the project's current takes and seams (nothing when neither changed). */
  async rebuild(project: ProjectState): Promise<void> {
    const ck = `${project.id}|${clipsKey(project, this.audition)}`;
    const key = `${ck}|${fadesKey(project, this.seamPreview)}`;
    if (key === this.#mixed) return;
    const build = ++this.#build;
    this.loading = true;
    const preview = this.seamPreview;
    try {
      const mix = await this.#clipsFor(ck, project);
      const pcm = await Promise.all(mix.clips.map((c) => (c.url ? this.#load(c.url) : null)));
      if (build !== this.#build) return;
      // Only the clips in the mix stay decoded (a long project's takes would not fit); others reload on demand.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local set, never rendered
      const used = new Set(mix.clips.map((c) => c.url));
      for (const url of this.#cache.keys()) if (!used.has(url)) this.#cache.delete(url);
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local map, never rendered
      const byUrl = new Map(mix.clips.map((c, i) => [c.url, pcm[i] ?? null]));
      this.#play(
        project.sampleRate,
        mixdown(playbackPlan(project, mix, (u) => byUrl.get(u) ?? null, preview)),
      );
      this.#mixed = key;
      this.error = null;
    } catch (e) {
      if (build !== this.#build) return;
      this.#clips = null;
      this.error = e instanceof Error ? e.message : String(e);
    }
    this.loading = false;
  }

  #clipsFor(key: string, project: ProjectState): Promise<PlaybackMix> {
    if (this.#clips?.key !== key) {
      const audition = Object.entries(this.audition).map(([windowId, takeId]) => ({ windowId, takeId }));
      this.#clips = { key, mix: this.source(project.id, audition) };
    }
    return this.#clips.mix;
  }

  #play(sampleRate: number, mixed: Float32Array): void {
    this.mixes++;
    const ctx = Tone.getContext().rawContext as BaseAudioContext;
    const buffer = ctx.createBuffer(1, Math.max(1, mixed.length), sampleRate);
    buffer.copyToChannel(mixed as Float32Array<ArrayBuffer>, 0);
    this.#buffer = buffer;
    this.#ensure().player.buffer = new Tone.ToneAudioBuffer(buffer);
    if (this.#running && !this.#needsStart) this.#restart(this.#position());
  }

  /** Follows the video clock: starts, stops and re-locks the music. Called every animation frame. */
  follow(seconds: number, playing: boolean, frameSeconds: number): void {
    if (!playing || !this.#buffer) {
      if (this.#running) this.#stop();
      return;
    }
    if (!this.#running) {
      void Tone.start();
      this.relocks = 0;
      this.#running = true;
      this.#needsStart = true;
    }
    // The context wakes up asynchronously: start the music on the first frame it actually runs.
    if (Tone.getContext().state !== 'running') return;
    if (this.#needsStart) {
      this.#needsStart = false;
      this.#restart(seconds);
      return;
    }
    // currentTime moves in frame-sized steps, so single readings jitter by up to a frame: smooth them and
    // re-lock only when the average leaves half a frame.
    this.#avg = 0.85 * this.#avg + 0.15 * (this.#position() - seconds);
    if (Math.abs(this.#avg - this.drift) > 0.0005) this.drift = this.#avg;
    if (Math.abs(this.#avg) > frameSeconds / 2) {
      this.relocks++;
      this.#restart(seconds);
    }
  }

  /** Applies the mixer's music level and mute/solo. */
  applyLevels(): void {
    const { volume } = this.#ensure();
    volume.volume.value = this.mixer.musicDb;
    volume.mute = !this.mixer.musicAudible;
  }

  /** Stops and frees the Tone nodes. */
  dispose(): void {
    this.#stop();
    this.#nodes?.player.dispose();
    this.#nodes?.volume.dispose();
    this.#nodes?.meter.dispose();
    this.#nodes = null;
  }

  #ensure(): Nodes {
    if (!this.#nodes) {
      Tone.getContext().lookAhead = 0;
      const meter = new Tone.Meter({ smoothing: 0.6 });
      const volume = new Tone.Volume(0).toDestination();
      volume.connect(meter);
      const player = new Tone.Player().connect(volume);
      this.#nodes = { player, volume, meter };
    }
    return this.#nodes;
  }

  #position(): number {
    return this.#offset + (Tone.getContext().rawContext.currentTime - this.#startedAt);
  }

  #restart(seconds: number): void {
    const { player } = this.#ensure();
    if (player.state === 'started') player.stop();
    const dur = this.#buffer ? this.#buffer.duration : 0;
    this.#running = true;
    this.#avg = 0;
    this.#offset = seconds;
    this.#startedAt = Tone.getContext().rawContext.currentTime;
    if (seconds < dur) player.start(this.#startedAt, seconds);
  }

  #stop(): void {
    this.#running = false;
    this.#needsStart = false;
    const p = this.#nodes?.player;
    if (p && p.state === 'started') p.stop();
    this.#suspend();
  }

  // A running context renders silence on the audio thread all the time; while nothing plays it sleeps.
  #suspend(): void {
    const raw = Tone.getContext().rawContext as AudioContext;
    if (raw.state === 'running' && typeof raw.suspend === 'function') void raw.suspend();
  }

  #load(url: string): Promise<Float32Array | null> {
    let p = this.#cache.get(url);
    if (!p) {
      p = fetch(url)
        .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`))))
        .then((b) => parseWav(b).samples)
        .catch(() => null);
      this.#cache.set(url, p);
    }
    return p;
  }
}
