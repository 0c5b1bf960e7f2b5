// Poster frames for the thumbnail strip, grabbed from a hidden second <video> one seek at a time so the
// editor never blocks (each grab is a seek event plus one small canvas draw).

/** One thumbnail: its time and an object URL of a small JPEG. */
export interface Thumb {
  seconds: number;
  url: string;
}

/** Thumbnails of the open video. */
export class Thumbnails {
  items = $state<Thumb[]>([]);
  /** Seconds of video each thumbnail stands for. */
  spanSeconds = $state(1);
  #token = 0;

  /** Grabs `count` evenly spaced frames of a video; a later call cancels an earlier one. */
  async load(url: string, durationSeconds: number, aspect: number, count = 24): Promise<void> {
    const token = ++this.#token;
    this.#free();
    this.spanSeconds = durationSeconds / count;
    const video = document.createElement('video');
    video.muted = true;
    video.preload = 'auto';
    video.src = url;
    const canvas = document.createElement('canvas');
    canvas.height = 72;
    canvas.width = Math.round(72 * aspect);
    const ctx = canvas.getContext('2d');
    if (!ctx || !(await once(video, 'loadeddata'))) return;
    const grabbed: Thumb[] = [];
    for (let i = 0; i < count && token === this.#token; i++) {
      const seconds = ((i + 0.5) * durationSeconds) / count;
      video.currentTime = seconds;
      if (!(await once(video, 'seeked'))) break;
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.7));
      if (token !== this.#token) break;
      if (blob) grabbed.push({ seconds, url: URL.createObjectURL(blob) });
      // Publish in batches and leave the main thread room between grabs (decoding a frame is not free).
      if (grabbed.length % 6 === 0 || i === count - 1) this.items = [...grabbed];
      await new Promise((r) => setTimeout(r, 16));
    }
    if (token !== this.#token) for (const t of grabbed) URL.revokeObjectURL(t.url);
    video.removeAttribute('src');
    video.load();
  }

  /** Stops a grab in progress and frees the object URLs (the project was closed). */
  clear(): void {
    this.#token++;
    this.#free();
  }

  #free(): void {
    for (const t of this.items) URL.revokeObjectURL(t.url);
    this.items = [];
  }
}

function once(el: HTMLMediaElement, event: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ok = () => done(true);
    const fail = () => done(false);
    const done = (v: boolean) => {
      el.removeEventListener(event, ok);
      el.removeEventListener('error', fail);
      resolve(v);
    };
    el.addEventListener(event, ok, { once: true });
    el.addEventListener('error', fail, { once: true });
  });
}
