import type { CodeInfo } from './codeInfo';
import { GRAMMAR_CODES } from './grammar/codes';
import { TEMPLATE_CODES } from './template/codes';
import { CALLBACK_CODES } from './callback/codes';

export type { CodeInfo } from './codeInfo';

/** Every diagnostic code of the product, by area: SFG grammar, SFT template, SFC callback definition. */
export const DIAGNOSTIC_CODES = { ...GRAMMAR_CODES, ...TEMPLATE_CODES, ...CALLBACK_CODES } as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function codeInfo(code: DiagnosticCode): CodeInfo {
  return DIAGNOSTIC_CODES[code];
}

export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, code);
}
