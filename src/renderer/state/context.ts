// Hands the one AppState to every component through Svelte context.
import { getContext, setContext } from 'svelte';
import type { AppState } from './app.svelte';

const KEY = Symbol('vidmuse-app');

/** Provides the app state to the component tree (called once by App.svelte). */
export function provideApp(app: AppState): void {
  setContext(KEY, app);
}

/** The app state, from any component below App.svelte. */
export function useApp(): AppState {
  const app = getContext<AppState | undefined>(KEY);
  if (!app) throw new Error('useApp() called outside App.svelte');
  return app;
}
