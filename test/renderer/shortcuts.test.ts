// The keyboard map: every documented shortcut resolves to its action, text fields are left alone.
import { describe, expect, it } from 'vitest';
import { SHORTCUT_HELP, isTypingTarget, shortcutFor } from '../../src/renderer/lib/shortcuts';
import type { KeyLike } from '../../src/renderer/lib/shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('maps transport keys: space, J/K/L, arrows, Home/End', () => {
    expect(shortcutFor(key(' '))).toBe('toggle-play');
    expect(shortcutFor(key('j'))).toBe('shuttle-back');
    expect(shortcutFor(key('K', { shiftKey: true }))).toBe('shuttle-stop');
    expect(shortcutFor(key('l'))).toBe('shuttle-forward');
    expect(shortcutFor(key('ArrowLeft'))).toBe('frame-back');
    expect(shortcutFor(key('ArrowRight'))).toBe('frame-forward');
    expect(shortcutFor(key('ArrowRight', { shiftKey: true }))).toBe('second-forward');
    expect(shortcutFor(key('Home'))).toBe('go-start');
    expect(shortcutFor(key('End'))).toBe('go-end');
  });

  it('maps B to the A/B toggle, and leaves Ctrl+B alone', () => {
    expect(shortcutFor(key('b'))).toBe('toggle-ab');
    expect(shortcutFor(key('B', { shiftKey: true }))).toBe('toggle-ab');
    expect(shortcutFor(key('b', { ctrlKey: true }))).toBeNull();
  });

  it('maps undo and redo with Ctrl or Cmd', () => {
    expect(shortcutFor(key('z', { ctrlKey: true }))).toBe('undo');
    expect(shortcutFor(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutFor(key('z', { metaKey: true }))).toBe('undo');
    expect(shortcutFor(key('y', { ctrlKey: true }))).toBe('redo');
    expect(shortcutFor(key('r', { ctrlKey: true }))).toBeNull();
  });

  it('maps Ctrl/Cmd+O to Open… and Ctrl/Cmd+W to Close Project, while plain O stays the loop key', () => {
    expect(shortcutFor(key('o', { ctrlKey: true }))).toBe('open');
    expect(shortcutFor(key('o', { metaKey: true }))).toBe('open');
    expect(shortcutFor(key('w', { ctrlKey: true }))).toBe('close-project');
    expect(shortcutFor(key('W', { metaKey: true }))).toBe('close-project');
    expect(shortcutFor(key('o'))).toBe('toggle-loop');
    expect(shortcutFor(key('w', { ctrlKey: true, shiftKey: true }))).toBeNull();
  });

  it('maps R to regenerate and 1–9 to picking a take', () => {
    expect(shortcutFor(key('r'))).toBe('regenerate');
    expect(shortcutFor(key('1'))).toBe('pick-take-1');
    expect(shortcutFor(key('9'))).toBe('pick-take-9');
    expect(shortcutFor(key('0'))).toBe('zoom-fit');
    expect(shortcutFor(key('PageDown'))).toBe('scroll-forward');
  });

  it('opens help with ? and ignores Alt chords', () => {
    expect(shortcutFor(key('?', { shiftKey: true }))).toBe('help');
    expect(shortcutFor(key('r', { altKey: true }))).toBeNull();
    expect(shortcutFor(key('q'))).toBeNull();
  });

  it('leaves text fields to typing but not buttons, sliders or checkboxes', () => {
    const el = (tagName: string, type = '') =>
      ({ tagName, type, isContentEditable: false }) as unknown as EventTarget;
    expect(isTypingTarget(el('INPUT', 'text'))).toBe(true);
    expect(isTypingTarget(el('INPUT', 'number'))).toBe(true);
    expect(isTypingTarget(el('TEXTAREA'))).toBe(true);
    expect(isTypingTarget(el('INPUT', 'range'))).toBe(false);
    expect(isTypingTarget(el('INPUT', 'checkbox'))).toBe(false);
    expect(isTypingTarget(el('BUTTON'))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('lists every shortcut family in the help overlay', () => {
    const keys = SHORTCUT_HELP.map((r) => r.keys).join(' ');
    for (const k of ['Space', 'J / K / L', 'R', '1 – 9', 'Ctrl + Z', 'Ctrl + Shift + Z', '?'])
      expect(keys).toContain(k);
  });
});
