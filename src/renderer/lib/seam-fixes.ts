// How a crossfaded seam can be made continuous again with takes the project already has: a take of the right
// window that continued the left window's selected take, or the take of the left window that the right
// window's selected take continued.
import type { ProjectState, SeamInfo } from '../../shared/domain';

/** Selecting take `takeId` (number `takeNumber`, 1-based) of window `windowIndex` makes the seam continuous. */
export interface SeamFix {
  windowIndex: number;
  windowId: string;
  takeId: string;
  takeNumber: number;
}

/** The selections that would make a crossfaded seam continuous (none for a continuous seam). */
export function seamFixes(project: Pick<ProjectState, 'windows'>, seam: SeamInfo): SeamFix[] {
  if (seam.continuity.kind === 'continuous') return [];
  const reason = seam.continuity.reason;
  if (reason !== 'left-changed' && reason !== 'no-prompt') return [];
  const left = project.windows[seam.index];
  const right = project.windows[seam.index + 1];
  if (!left || !right) return [];
  const fixes: SeamFix[] = [];
  const fix = (w: typeof left, i: number) => ({
    windowIndex: w.index,
    windowId: w.id,
    takeId: w.takes[i]!.id,
    takeNumber: i + 1,
  });
  const r = right.takes.findIndex(
    (t) => t.continuedTakeId !== null && t.continuedTakeId === left.selectedTakeId,
  );
  if (r >= 0) fixes.push(fix(right, r));
  const continued = right.takes.find((t) => t.id === right.selectedTakeId)?.continuedTakeId ?? null;
  const l = left.takes.findIndex((t) => t.id === continued);
  if (l >= 0) fixes.push(fix(left, l));
  return fixes;
}
