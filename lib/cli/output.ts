// How the CLI speaks: JSON for machines (`--json`), plain lines for people, one error shape.

export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface Output {
  json: boolean;
  /** Lines for people, only printed without --json. */
  line(text: string): void;
  /** The JSON document, only printed with --json. */
  result(value: unknown): void;
}

export function createOutput(json: boolean, write: (s: string) => void = (s) => process.stdout.write(s)): Output {
  return {
    json,
    line: (text) => {
      if (!json) write(`${text}\n`);
    },
    result: (value) => {
      if (json) write(`${JSON.stringify(value, null, 2)}\n`);
    },
  };
}

export function printError(error: CliError, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message } }, null, 2)}\n`);
  } else {
    process.stderr.write(`FAILED: ${error.message}\n`);
  }
}
