// Public surface of the transports' shared Node side: the loopback bridge, the Electron app scheme's
// request handler, API dispatch, media tokens and the inference-backed generator.
export { startBridge, type Bridge, type BridgeOptions } from './server';
export {
  startStudioBridge,
  startBridgeForTest,
  type StudioBridge,
  type StudioBridgeOptions,
  type TestBridgeOptions,
} from './studio-bridge';
export {
  handleAppRequest,
  isAppUrl,
  APP_SCHEME,
  APP_HOST,
  APP_ORIGIN,
  type AppRequestOptions,
} from './app-request';
export { dispatchCall, statusForError, toWireError } from './dispatch';
export { createMediaRegistry, type MediaRegistry, type MediaRegistryOptions } from './media-registry';
export {
  createInferenceGenerator,
  editorEngineOptions,
  type InferenceGenerator,
} from './inference-generator';
export { RENDERER_CSP, SECURITY_HEADERS } from './csp';
export { forwardEvents, API_EVENT_NAMES, type ApiEventSource } from './types';
