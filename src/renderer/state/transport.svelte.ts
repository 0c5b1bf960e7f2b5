// Play/pause/seek of the video element, which is the master clock; the playhead is in samples.
import { clamp, frameSamples } from '../lib/timeline-math';
import type { SampleRange } from '../../shared/time';

/** Listener called on every animation frame with the video's position (seconds) while playing. */
export type ClockListener = (seconds: number, playing: boolean) => void;

/** Transport state, locked to a <video> element. */
export class Transport {
  position = $state(0);
  playing = $state(false);
  /** Shuttle speed: 1 normal, 2/4/8 fast forward, negative for J (reverse by seeking). */
  rate = $state(1);
  loop = $state<SampleRange | null>(null);
  loopOn = $state(false);
  sampleRate = $state(32000);
  total = $state(0);
  fps = $state({ num: 30, den: 1 });

  readonly frame = $derived(frameSamples(this.sampleRate, this.fps.num, this.fps.den));

  #video: HTMLVideoElement | null = null;
  #raf = 0;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- clock subscribers, never rendered
  #listeners = new Set<ClockListener>();
  #lastTick = 0;
  #shuttling = false;

  /** Binds the video element; returns the detach function. */
  attach(video: HTMLVideoElement): () => void {
    this.#video = video;
    const onPlay = () => this.#setPlaying(true);
    // Reverse shuttle pauses the element and steps it by hand, so its pause event must not stop the shuttle.
    const onPause = () => {
      if (this.rate > 0) this.#setPlaying(false);
    };
    const onSeeked = () => this.#sync();
    video.addEventListener('play', onPlay);
    video.addEventListener('pause', onPause);
    video.addEventListener('seeked', onSeeked);
    return () => {
      video.removeEventListener('play', onPlay);
      video.removeEventListener('pause', onPause);
      video.removeEventListener('seeked', onSeeked);
      cancelAnimationFrame(this.#raf);
      this.#video = null;
    };
  }

  /** Subscribes to the clock; returns the unsubscribe. */
  onClock(fn: ClockListener): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Starts playback at normal speed. */
  play(): void {
    this.rate = 1;
    this.#shuttling = false;
    const v = this.#video;
    if (!v) return;
    v.playbackRate = 1;
    if (this.position >= this.total - this.frame) this.seek(this.loopOn && this.loop ? this.loop.start : 0);
    void v.play().catch(() => this.#setPlaying(false));
  }

  /** Pauses (and stops a shuttle). */
  pause(): void {
    if (this.rate < 0) this.#setPlaying(false);
    this.#shuttling = false;
    this.rate = 1;
    this.#video?.pause();
    if (this.playing) this.#setPlaying(false);
  }

  /** Play/pause toggle (Space). */
  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** J/L shuttle: each press in the same direction doubles the speed; K stops. */
  shuttle(dir: -1 | 1): void {
    const v = this.#video;
    if (!v) return;
    // The press itself is the intent (the element's play event comes later), so presses in quick succession count.
    const speed = this.#shuttling && Math.sign(this.rate) === dir ? Math.min(8, Math.abs(this.rate) * 2) : 1;
    this.#shuttling = true;
    this.rate = dir * speed;
    if (dir > 0) {
      v.playbackRate = speed;
      void v.play().catch(() => undefined);
    } else {
      v.pause();
      this.#setPlaying(true);
    }
  }

  /** Moves the playhead to a sample position. */
  seek(sample: number): void {
    this.position = clamp(Math.round(sample), 0, this.total);
    if (this.#video) this.#video.currentTime = this.position / this.sampleRate;
    this.#emit();
  }

  /** Steps whole frames (arrows), landing exactly on frame starts: frame k starts at k·rate·den/num samples. */
  step(frames: number): void {
    if (this.playing) this.pause();
    const { num, den } = this.fps;
    const index = Math.round((this.position * num) / (this.sampleRate * den)) + frames;
    this.seek(Math.round((index * this.sampleRate * den) / num));
  }

  /** Toggles looping of the given range (the selection). */
  toggleLoop(range: SampleRange | null): void {
    if (this.loopOn) {
      this.loopOn = false;
      return;
    }
    if (!range) return;
    this.loop = range;
    this.loopOn = true;
  }

  #setPlaying(p: boolean): void {
    this.playing = p;
    cancelAnimationFrame(this.#raf);
    this.#lastTick = performance.now();
    if (p) this.#raf = requestAnimationFrame(() => this.#tick());
    this.#emit();
  }

  #tick(): void {
    const v = this.#video;
    if (!v || !this.playing) return;
    const now = performance.now();
    if (this.rate < 0)
      v.currentTime = Math.max(0, v.currentTime + (this.rate * (now - this.#lastTick)) / 1000);
    this.#lastTick = now;
    this.#sync();
    if (this.loopOn && this.loop && this.position >= this.loop.end) this.seek(this.loop.start);
    if (this.rate < 0 && v.currentTime <= 0) this.pause();
    this.#raf = requestAnimationFrame(() => this.#tick());
  }

  #sync(): void {
    const v = this.#video;
    if (!v) return;
    this.position = clamp(Math.round(v.currentTime * this.sampleRate), 0, this.total);
    this.#emit();
  }

  #emit(): void {
    const seconds = this.#video ? this.#video.currentTime : this.position / this.sampleRate;
    const playing = this.playing && this.rate === 1;
    for (const fn of this.#listeners) fn(seconds, playing);
  }
}
