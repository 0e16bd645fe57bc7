/** Usage texts: `sigfox-callbacks --help` and `sigfox-callbacks COMMAND --help`. */

export const MAIN_HELP = `Usage: sigfox-callbacks <command> [options]

Check Sigfox payload configs (*.sfgrammar), body templates (*.sftemplate) and callback
definitions (*.sfcallback.json) with the editor's rules, and decode or render frames.

Commands:
  check [paths|globs...]            report problems (default: every Sigfox file under .)
  decode --grammar FILE [HEX...]    decode frames (no HEX: one frame per line on stdin)
  render --template FILE HEX        print the body Sigfox would send for a frame
  build FILE.sfcallback.json        the API v2 callback JSON, files inlined
  lsp --stdio                       run the language server, for any LSP editor

Options:
  -h, --help       show help (also: sigfox-callbacks <command> --help)
  -v, --version    print the version

Exit codes: 0 clean, 1 problems found, 2 usage, input or I/O error, 3 internal error.
`;

export const CHECK_HELP = `Usage: sigfox-callbacks check [options] [paths|globs...]

Reports the problems the editor shows, with the same codes (SFG, SFT, SFC) and messages.
Arguments are files, directories (searched recursively) or globs (quote them: 'cfg/**/*.sfgrammar').
With none, every *.sfgrammar, *.sftemplate and *.sfcallback.json under the current directory.
Files ignored by .gitignore, and node_modules and .git, are skipped when searching.
Templates find their payload config as in the editor (callback definition, sibling
.sfgrammar, or "sigfox.associations" and "sigfox.maxUplinkBytes" in .vscode/settings.json).

Options:
  -f, --format FORMAT     stylish (default; coloured on a terminal unless NO_COLOR is set,
                          FORCE_COLOR forces colour), gnu (path:line:col: severity: message [CODE]),
                          json ([{ path, diagnostics: [{ line, column, endLine, endColumn,
                          severity, code, message }] }], 1-based, end exclusive),
                          sarif (SARIF 2.1.0, for code scanning), github (workflow annotations)
      --max-warnings N    exit 1 when there are more than N warnings
  -q, --quiet             report errors only (warnings are still counted for --max-warnings)
  -h, --help              show this help

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings,
2 usage or input error (missing path, no Sigfox file found, binary, non-UTF-8 or >10 MB file),
3 internal error.
`;

export const DECODE_HELP = `Usage: sigfox-callbacks decode --grammar FILE [options] [HEX...]

Decodes frames with a payload config (*.sfgrammar), as the Sigfox backend does.
Each HEX is a frame in hexadecimal (spaces and a 0x prefix allowed: quote them).
With no HEX, frames are read from standard input, one per line (blank lines skipped), and
streamed out as they come; a line that is not hex is reported on stderr with its line number,
the others are still decoded, and the exit code is then 2.

Options:
  -g, --grammar FILE      the payload config (required)
  -f, --format FORMAT     json (default): one frame -> one object
                            { "fields": { name: value }, "warnings": [...] };
                            several frames, or frames from stdin -> a JSON array of those objects;
                          ndjson: one compact object per line, per frame;
                          table: aligned columns name, type, bytes, value per frame
  -h, --help              show this help

Values: integers exact (digits past 2^53 kept), float:32 as the shortest decimal that reads
back the same, bool true/false, char as text; a field the frame is too short for is null.

Exit codes: 0 decoded, 2 usage or input error (bad hex, a payload config with errors), 3 internal error.
`;

export const RENDER_HELP = `Usage: sigfox-callbacks render --template FILE [options] HEX

Prints the body exactly as Sigfox would send it for the frame HEX: no escaping, no added
newline when piped. Problems (a value that breaks the JSON, a placeholder with no value...)
go to stderr.

Options:
  -t, --template FILE     the template (*.sftemplate) (required)
  -g, --grammar FILE      the payload config for {customData#...}; without it, the template's
                          own: the callback definition naming it (bodyTemplateFile), the
                          sibling .sfgrammar, or "sigfox.associations" in .vscode/settings.json
      --var NAME=VALUE    the value of {NAME}, e.g. --var device=1A2B3C (repeatable);
                          {data} is the frame in lower-case hex unless given
      --content-type TYPE how the body is sent (application/json...), when the callback
                          definition does not say
  -h, --help              show this help

Exit codes: 0 rendered, 1 rendered with errors (e.g. the body is not valid JSON),
2 usage or input error, 3 internal error.
`;

export const BUILD_HELP = `Usage: sigfox-callbacks build FILE.sfcallback.json

Prints the Sigfox API v2 callback JSON for a callback definition, with payloadConfigFile and
bodyTemplateFile inlined as payloadConfig and bodyTemplate, ready to POST.

Exit codes: 0 built, 1 the definition has errors, 2 usage or input error, 3 internal error.
`;

export const LSP_HELP = `Usage: sigfox-callbacks lsp --stdio

Runs the Sigfox language server over standard input and output, for any LSP editor.
`;
