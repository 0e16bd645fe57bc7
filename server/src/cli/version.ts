import { version } from '../../../package.json';

/** The package version, inlined by the bundler. */
export const VERSION: string = version;
