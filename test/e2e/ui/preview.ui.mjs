// The preview panel's browser checks (themes, copy buttons, hostile content), run by the harness
// in the installed VSIX. The checks themselves live beside the extension-host preview tests.
import { previewUiChecks } from '../suite/preview.ui.mjs';

export default async function preview({ page, step, base, workspace }) {
  await previewUiChecks({ page, step, base, workspace });
}
