// The renderer's transport module: the rest of the renderer imports only this.
export { createApiClient } from './api-client';
export { pathForDroppedFile } from './dropped-file';
