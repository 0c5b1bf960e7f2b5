import { describe, expect, it } from 'vitest';
import { Emitter } from '../../../src/main/service/emitter';

describe('Emitter', () => {
  it('delivers events until unsubscribed and leaves no listener behind', () => {
    const e = new Emitter();
    const got: number[] = [];
    const offs = Array.from({ length: 100 }, () => e.on('project', (p) => got.push(p.revision)));
    e.emit('project', { projectId: 'p', revision: 1 });
    expect(got).toHaveLength(100);
    offs.forEach((off) => off());
    offs[0]();
    expect(e.count()).toBe(0);
    e.emit('project', { projectId: 'p', revision: 2 });
    expect(got).toHaveLength(100);
  });

  it('keeps delivering to the other listeners when one throws', () => {
    const e = new Emitter();
    const got: string[] = [];
    e.on('project', () => {
      throw new Error('broken window');
    });
    e.on('project', (p) => got.push(p.projectId));
    e.emit('project', { projectId: 'x', revision: 1 });
    expect(got).toEqual(['x']);
  });
});
