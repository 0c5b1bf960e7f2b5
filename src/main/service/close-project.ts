// Closing a project in this studio: its unfinished jobs are cancelled (nothing writes to it afterwards), its
// files are no longer served and its lock is released, so another instance or the CLI can open it.
import { releaseProjectLock, releaseProjectLocks } from '../store/lock';
import type { StudioContext } from './context';

/** Closes one project; closing a project that is not open is a no-op. */
export function closeProject(ctx: StudioContext, projectId: string): void {
  for (const job of ctx.jobs.list())
    if (job.projectId === projectId && (job.status === 'queued' || job.status === 'running'))
      ctx.jobs.cancel(job.id);
  ctx.open.delete(projectId);
  releaseProjectLock(ctx.db, projectId, ctx.token);
}

/** Closes every project this studio holds (its window went away or its last browser client left). */
export function closeAllProjects(ctx: StudioContext): void {
  for (const projectId of [...ctx.open.keys()]) closeProject(ctx, projectId);
  releaseProjectLocks(ctx.db, ctx.token);
}
