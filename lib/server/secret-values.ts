import "server-only";
import { readFileSync } from "node:fs";
import { dataDir, readPrivateFile } from "./auth/secure-file";
import { databaseUrlOf, loadConfig } from "./config";
import { metaPaths } from "./meta/embedded";
import { secretsOf } from "./pg";

// Every secret value this server knows, for taking out of anything a child process prints:
// each environment's URL with its password, user and host, the values of the variables the
// configuration references, Retort's metadata database credentials, RETORT_*SECRET* (the proxy
// secret) and the variables a project passes to env.py.

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function configuredSecrets(extraVariables: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): string[] {
  const secrets: string[] = [];
  const config = loadConfig();
  if (config.ok) {
    for (const environment of config.config.environments) secrets.push(...secretsOf(databaseUrlOf(environment)));
    if (config.config.file) {
      const text = (() => {
        try {
          return readFileSync(config.config.file!, "utf8");
        } catch {
          return "";
        }
      })();
      for (const match of text.matchAll(VARIABLE)) secrets.push(env[match[1]] ?? "");
    }
  }
  for (const [name, value] of Object.entries(env)) if (/^RETORT_.*SECRET/.test(name) && value) secrets.push(value);
  for (const name of extraVariables) secrets.push(env[name] ?? "");
  // Retort's own metadata database: its URL, or the embedded cluster's generated password.
  secrets.push(...secretsOf(env.RETORT_DATABASE_URL));
  const metaPassword = readPrivateFile(metaPaths(dataDir()).passwordFile)?.trim();
  if (metaPassword) secrets.push(metaPassword);
  // Values under 3 characters are left in: they would shred ordinary output (secretsOf drops them too).
  return [...new Set(secrets.filter((secret) => secret.length >= 3))];
}
