// Which panels and dialogs are open; only one modal at a time, side panels independent.

/** Modal dialogs. */
export type Modal = 'help' | 'export' | 'models' | 'open' | null;

/** Open panels and dialogs. */
export class Panels {
  modal = $state<Modal>(null);
  jobsOpen = $state(false);

  /** Opens a modal, or closes it when it is already open. */
  toggle(m: Exclude<Modal, null>): void {
    this.modal = this.modal === m ? null : m;
  }

  /** Closes the open modal, else the jobs panel; returns whether something was open. */
  close(): boolean {
    if (this.modal !== null) this.modal = null;
    else if (this.jobsOpen) this.jobsOpen = false;
    else return false;
    return true;
  }
}
