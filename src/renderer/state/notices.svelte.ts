// Transient messages for the user (errors from the API, confirmations), shown as toasts.

/** One message on screen. */
export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

/** The list of visible notices; each fades after a while unless it is an error. */
export class Notices {
  items = $state<Notice[]>([]);
  #next = 1;

  /** Shows a message; info messages go away on their own. */
  push(kind: Notice['kind'], text: string): void {
    const id = this.#next++;
    this.items = [...this.items, { id, kind, text }];
    if (kind === 'info') setTimeout(() => this.dismiss(id), 4000);
  }

  /** Shows an error from anything thrown, using its message. */
  error(err: unknown, context?: string): void {
    const msg =
      err instanceof Error
        ? err.message
        : typeof err === 'object' && err && 'message' in err
          ? String(err.message)
          : String(err);
    this.push('error', context ? `${context}: ${msg}` : msg);
  }

  /** Removes a message. */
  dismiss(id: number): void {
    this.items = this.items.filter((n) => n.id !== id);
  }
}
