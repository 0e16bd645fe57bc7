/** Types of editor-schema.mjs (plain JS, so that .esbuild.mjs can import it without a build). */
export declare const STRICT_SCHEMA_PATH: string;
export declare const EDITOR_SCHEMA_PATH: string;
export declare function editorSchema(strict: Record<string, unknown>): Record<string, unknown>;
export declare function writeEditorSchema(root: string): void;
