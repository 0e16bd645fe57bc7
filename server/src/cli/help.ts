/** Usage texts: `sigfox-callbacks --help` and `sigfox-callbacks COMMAND --help`. */

export const MAIN_HELP = `Usage: sigfox-callbacks <command> [options]

Check Sigfox payload configs (*.sfgrammar), body templates (*.sftemplate) and callback
definitions (*.sfcallback.json) with the editor's rules, decode or render frames, and build
or send callbacks.

Commands:
  check [paths|globs...]            report problems (default: every Sigfox file under .)
  decode --grammar FILE [HEX...]    decode frames (no HEX: one frame per line on stdin)
  render --template FILE HEX        print the body Sigfox would send for a frame
  build FILE.sfcallback.json        the API v2 callback JSON, files inlined, \${env:NAME} resolved
  send FILE.sfcallback.json --hex HEX
                                    send the callback for a frame to its server (or --url)
  encode --grammar FILE name=value...
                                    the frame for field values, as hex (--downlink: 8 bytes)
  reply --device ID --grammar FILE name=value...
                                    the BIDIR answer {"ID": {"downlinkData": "..."}}
  export --grammar FILE --target ts013|ttn|chirpstack|helium|datacake|tagoio|thingsboard|c
                                    a codec generated from the payload config
  lsp --stdio                       run the language server, for any LSP editor
  pull --device-type ID [--dir DIR] the backend's callbacks as files, secrets as \${env:NAME}
  plan [paths...] [--exit-code]     what apply would do against the Sigfox API v2
  apply [paths...] [--yes] [--prune]
                                    converge the backend's callbacks to the files

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
The project root is the nearest directory above the paths with a .vscode folder or .git
(else the current directory): its .vscode/settings.json gives "sigfox.associations",
"sigfox.maxUplinkBytes" and "sigfox.rules" (code -> off|info|warning|error), and templates
find their payload config there as in the editor (callback definition, sibling .sfgrammar,
the setting). What depends on a file given is checked too: the templates and callback
definitions using a payload config, the definitions naming a template.

Options:
  -f, --format FORMAT     stylish (default; coloured on a terminal unless NO_COLOR is set,
                          FORCE_COLOR forces colour), gnu (path:line:col: severity: message [CODE]),
                          json ([{ path, diagnostics: [{ line, column, endLine, endColumn,
                          severity, code, message }] }], 1-based, end exclusive),
                          sarif (SARIF 2.1.0, for code scanning), github (workflow annotations)
      --max-warnings N    exit 1 when there are more than N warnings
  -q, --quiet             report errors only (warnings are still counted for --max-warnings)
      --fix               first rewrite the files given with the preferred (safe) quick fixes,
                          as the editor's "Fix all" does, then report what is left
      --no-cache          with templates only (a pre-commit hook), walk the project and read every
                          callback definition again instead of using the index of which
                          definition names which template kept from earlier runs (in
                          $SIGFOX_CALLBACKS_CACHE_DIR, else $XDG_CACHE_HOME/sigfox-callbacks or
                          ~/.cache/sigfox-callbacks; only what is unchanged since is trusted)
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
      --var NAME=VALUE    the value of {NAME}, e.g. --var device=1A2B3C (repeatable); the
                          variables not given get the representative values the editor's
                          preview and \`send\` use (said on stderr); {data} is always the frame
                          in lower-case hex
      --strict            refuse (exit 2) when a variable the template uses has no --var
      --content-type TYPE how the body is sent (application/json...), when the callback
                          definition does not say
  -h, --help              show this help

Exit codes: 0 rendered, 1 rendered with errors (e.g. the body is not valid JSON),
2 usage or input error, 3 internal error.
`;

export const BUILD_HELP = `Usage: sigfox-callbacks build [options] FILE.sfcallback.json

Prints the Sigfox API v2 callback JSON for a callback definition (2-space indented), ready to
POST to https://api.sigfox.com/v2/device-types/{id}/callbacks: payloadConfigFile and
bodyTemplateFile are inlined as payloadConfig (the canonical one-liner) and bodyTemplate, and
every \${env:NAME} is replaced by the value of the environment variable NAME.

Nothing is built while \`sigfox-callbacks check\` reports an error in the definition, its
payload config or its template, or while a variable it references is not set: the problems
are listed on stderr, each in the file it comes from, and the exit code is 1.

A definition with a "connector" (Azure IoT Hub, Azure Event Hub, AWS) cannot be created
through the API v2: its JSON holds the values for the backend's connector form instead, and
a note on stderr says so.

Options:
      --dotenv FILE       also read variables from FILE (NAME=value lines, # comments,
                          optional quotes); a variable set in the environment wins
  -o, --output FILE       write the JSON to FILE instead of stdout, only when the build
                          succeeds, atomically (temporary file, then rename); a new file
                          holding secrets is created readable by its owner only
  -h, --help              show this help

The output holds the resolved secrets: keep it out of version control and logs.

Exit codes: 0 built, 1 the definition or a file it names has errors, or a variable is not set,
2 usage or input error (unreadable file, bad env file, --output not writable), 3 internal error.
`;

export const SEND_HELP = `Usage: sigfox-callbacks send [options] FILE.sfcallback.json --hex HEX

Sends the callback Sigfox would send for the uplink frame HEX, and reports the request, the
server's answer (status, headers, body) and the time it took. The request is rendered as by
the backend: {device}, {time}... replaced (representative values unless given with --var),
{customData#...} decoded from the frame, \${env:NAME} resolved. Only http:// and https:// URLs
are called; the server has 10 seconds to answer, as with Sigfox. For a DATA/BIDIR callback the
answer is checked as a downlink reply: HTTP 200 with {"<device>": {"downlinkData": "<16 hex>"}},
or HTTP 204 / {"<device>": {"noData": true}} for none.

Secrets (values read from the environment, credentials written in the definition, any
Authorization value) are printed as **** wherever they appear, even echoed in the answer.

Options:
  -x, --hex HEX           the uplink frame, 0 to 12 bytes in hex (required); it is {data}
      --var NAME=VALUE    the value of {NAME}, e.g. --var device=1A2B3C (repeatable)
  -u, --url URL           send to this http(s) URL instead: its scheme, host and port replace
                          the definition's, its path goes before the definition's path, the
                          query stays (e.g. --url http://127.0.0.1:8080 for a local server);
                          required for a connector callback, which has no URL of its own
      --downlink-grammar FILE
                          a payload config (*.sfgrammar) for the 8 downlink bytes of a BIDIR
                          reply: the downlink is decoded with it
      --timeout-ms N      how long to wait for the answer (default 10000, as Sigfox)
      --dotenv FILE       also read variables from FILE (as in build)
  -f, --format FORMAT     text (default): the request (> lines), the answer (< lines), the
                          BIDIR check and a one-line verdict on stdout; warnings on stderr;
                          json: one object { ok, outcome, message, request, response, timeMs,
                          bidir?, notes, warnings }, outcome one of delivered, http-error,
                          invalid-downlink-reply, timeout, network-error
  -h, --help              show this help

Exit codes: 0 delivered (a 2xx answer, and a valid downlink reply for BIDIR), 1 not delivered
(another status, an invalid BIDIR reply, no answer in time, a network error), 2 nothing sent:
usage or input error (bad hex, not an http(s) URL, the definition has errors or a variable is
not set, an EMAIL callback), 3 internal error.
`;

export const LSP_HELP = `Usage: sigfox-callbacks lsp --stdio

Runs the Sigfox language server over standard input and output, for any LSP editor.
`;

const API_HELP = `API options (pull, plan, apply):
  --api-url URL      the API base URL (default https://api.sigfox.com/v2, or SIGFOX_API_URL);
                     plain http:// only to 127.0.0.1, localhost or [::1]
  --dotenv FILE      read SIGFOX_API_LOGIN, SIGFOX_API_PASSWORD and \${env:NAME} values from FILE
  -h, --help         show this help

Credentials: SIGFOX_API_LOGIN and SIGFOX_API_PASSWORD (the API user). They and every secret are
never printed or written. 429 and 5xx answers are retried with exponential backoff
(SIGFOX_API_ATTEMPTS, default 4; SIGFOX_API_BACKOFF_MS, default 500; SIGFOX_API_TIMEOUT_MS, default 15000).
Bad credentials, a network failure or an unknown device type: exit 2 with one line on stderr.
`;

export const PULL_HELP = `Usage: sigfox-callbacks pull --device-type ID [--dir DIR] [options]

Writes one NAME.sfcallback.json per callback of the device type (with its id and deviceTypeId),
its payload config and body template as NAME.sfgrammar / NAME.sftemplate beside it. Credentials
in headers and URLs become \${env:NAME} references; their names are printed and written, without
values, to DIR/.env.example. Connector callbacks cannot be read through the API and are not pulled.

  --device-type ID   the device type (required)
  --dir DIR          where to write (default .)

${API_HELP}`;

export const PLAN_HELP = `Usage: sigfox-callbacks plan [paths...] [options]

What apply would do, per callback: create, update (field by field), replace (channel, type,
subtype or content type changed), enable/disable, downlink selection, delete (--prune); backend
callbacks no file names are listed as unmanaged. Secrets are masked. Definitions are checked
first: one with errors is not planned (exit 1, or 2 with --exit-code).

  --exit-code        as git diff: 0 in sync, 1 changes, 2 error
  -f, --format F     text (default) or json (per callback: step, backend and file state)
  --prune            plan deleting the unmanaged callbacks
  --device-type ID   for files without "deviceTypeId"

${API_HELP}`;

export const APPLY_HELP = `Usage: sigfox-callbacks apply [paths...] [options]

Shows the plan, asks, then applies it in order: create, enable/disable, downlink selection,
update (PUT, explicit null to remove a field), delete last. New ids are written into their
files. A failed step stops the run, deletes what this run created and reports what was done,
undone and not done; a 400's fields are shown at their key in the definition (file:line:col).

  -y, --yes          apply without asking (required without a terminal)
  --prune            also delete the backend callbacks no file names
  --device-type ID   for files without "deviceTypeId"

${API_HELP}`;

export const ENCODE_HELP = `Usage: sigfox-callbacks encode --grammar FILE [--downlink] name=value...

Prints the frame, in hex, that decodes to the given field values: the exact inverse of decode
(cursor, bit offsets, byte order, two's complement, 1-64 bit integers, floats, char).
Values: true/false (or 1/0) for bool; decimal or 0x hex integers of any width; numbers (NaN,
Infinity) for float; the characters for char, exactly as many as the field holds (JSON-quote
them to keep spaces: 'name="a b"'). Every field needs a value, unless other fields sharing its
bits already give them; fields sharing bits must agree. For an uplink, trailing fields may be
null: the frame then ends before them, as a short frame does.
A payload config with a "# downlink" line is a downlink: always 8 bytes (16 hex digits).

Options:
  -g, --grammar FILE      the payload config (*.sfgrammar) (required)
      --downlink          encode an 8-byte downlink frame, even without a "# downlink" line
  -h, --help              show this help

Exit codes: 0 printed, 2 a value is missing, not of its field's type, out of its range, or
fields sharing bits disagree (each named on stderr); the config has errors; usage error.
`;

export const REPLY_HELP = `Usage: sigfox-callbacks reply --device ID --grammar FILE name=value...

Prints the answer a server gives Sigfox to send a downlink to device ID (a BIDIR callback's
reply): {"ID": {"downlinkData": "<16 hex digits>"}}, the 8 bytes encoded from the values as
with "encode --downlink".

Options:
  -d, --device ID         the device id the downlink is for (required)
  -g, --grammar FILE      the downlink payload config (*.sfgrammar) (required)
  -h, --help              show this help

Exit codes: as encode.
`;

export const EXPORT_HELP = `Usage: sigfox-callbacks export --grammar FILE --target TARGET [options]

Generates a codec from the payload config, for the platforms that decode the same devices in
their LoRaWAN versions and for the device firmware:
  ts013        LoRa Alliance TS013 payload codec: decodeUplink(input) -> {data, warnings, errors}
               (encodeDownlink and decodeDownlink for a "# downlink" config); ECMAScript 5.1,
               no modules, at most 40,960 characters (The Things Stack)
  ttn          The Things Stack (as ts013) plus the TTN v2 Decoder(bytes, port) / Encoder
  chirpstack   one file: ChirpStack v3 Decode(fPort, bytes, variables) and v4 decodeUplink(input)
               (Encode / encodeDownlink for a downlink config)
  helium       Helium Console decoder function: Decoder(bytes, port, uplink_info) -> object
  datacake     Datacake payload decoder: Decoder(bytes, port) -> [{field, value}], field
               identifiers upper-cased (listed in the file)
  tagoio       TagoIO payload parser: decodes the hex variable "data" (Sigfox) or "payload" and
               adds one variable per field to \`payload\`
  thingsboard  ThingsBoard uplink converter decoder body (payload, metadata): the JSON a Sigfox
               callback posts ({"device", "data"}) or the raw frame -> {deviceName, deviceType,
               telemetry}
               (helium, datacake, tagoio and thingsboard decode uplinks only; all JavaScript
               targets are ECMAScript 5.1 with no modules)
  c            header-only C99: NAME_t, NAME_decode(frame, len, &out) and NAME_encode(&in,
               frame, cap), returning the frame length or a negative error; a short frame
               decodes the fields that fit (NAME_HAS(&out, NAME_FIELD_x)); no allocation
Field names stay as written in JavaScript (Datacake: upper-cased identifiers); in C, names that are not identifiers are mapped
('-' -> '_', leading digit -> 'f_', keyword -> trailing '_', a name taken by another field or 'present' -> '_2') and
listed in a comment.

Options:
  -g, --grammar FILE      the payload config (*.sfgrammar) (required)
  -t, --target TARGET     ts013, ttn, chirpstack, helium, datacake, tagoio, thingsboard or c
                          (required)
  -n, --name NAME         the codec's name, C prefix (default: the file's base name)
  -o, --output FILE       write the codec to FILE (default: standard output)
      --examples          with ts013: also write examples.json beside --output, from the
                          "# example:" lines of the config
  -h, --help              show this help

Exit codes: 0 written, 2 the config has errors or its fields do not fit the frame, usage error.
`;
