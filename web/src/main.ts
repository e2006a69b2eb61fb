import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { Api } from './state/api.ts';
import { Auth } from './state/auth.ts';
import { LiveState } from './state/live.svelte.ts';
import { Clock } from './lib/clock.svelte.ts';
import { Router } from './lib/router.svelte.ts';

// Composition root: the page's few long-lived objects, created once and handed to the app.
const auth = new Auth(window);
const ctx = { auth, api: new Api(auth), live: new LiveState(auth), clock: new Clock(), router: new Router(window) };
ctx.router.start();
ctx.clock.start();
ctx.live.connect();

mount(App, { target: document.getElementById('app')!, props: { ctx } });
