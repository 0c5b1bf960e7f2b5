// Public surface of the studio service for transports (Electron main, loopback bridge) and the CLI.
export { createStudio, type Studio } from './create-studio';
export type { StudioOptions } from './options';
export type { WindowGenerator, WindowRequest, GeneratedWindow } from './generator';
export type { ExportRunner } from './runners/export-job';
export type { ExportRequest } from '../export/export-video';
export type { CodeDecoder } from './project-music';
export type { BundleConverter } from './runners/convert-job';
