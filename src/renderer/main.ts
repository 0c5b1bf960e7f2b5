// Entry point of the renderer: one API client, one app state, one mounted component tree.
import { mount } from 'svelte';
import App from './App.svelte';
import { createApiClient } from './bridge';
import { AppState } from './state/app.svelte';
import './styles/theme.css';

const app = new AppState(createApiClient());
mount(App, { target: document.getElementById('app') as HTMLElement, props: { app } });
