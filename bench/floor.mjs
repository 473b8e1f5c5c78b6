// The least a whole `node` process can do for `retort heads` on a directory, timed beside it by
// bench/cli.ts: list the directory and stat every file (what any cache that stays right after an
// edit must do: a warm run's floor), or list it and read every file as text (a cold run's floor).
// Plain JavaScript, so that nothing but Node's own start-up is added.
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from "node:fs";

const [mode, dir] = process.argv.slice(2);
if ((mode !== "stat" && mode !== "read") || !dir) {
  process.stderr.write("usage: node bench/floor.mjs stat|read DIRECTORY\n");
  process.exit(2);
}
const names = readdirSync(dir).sort();
const buffer = Buffer.allocUnsafe(1 << 20);
let seen = 0;
for (const name of names) {
  const file = `${dir}/${name}`;
  if (mode === "stat") {
    seen += statSync(file).size;
    continue;
  }
  const fd = openSync(file, "r");
  try {
    fstatSync(fd);
    seen += buffer.toString("utf8", 0, readSync(fd, buffer, 0, buffer.length, null)).length;
  } finally {
    closeSync(fd);
  }
}
if (seen === 0) process.exit(1);
