import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "./url";

const ok = (raw: string, baseDir = "/srv/app") => {
  const result = parseDatabaseUrl(raw, { baseDir });
  if (!result.ok) throw new Error(result.message);
  return result.url;
};
const refused = (raw: string) => {
  const result = parseDatabaseUrl(raw);
  if (result.ok) throw new Error(`accepted ${raw}`);
  return result.message;
};

describe("parseDatabaseUrl reads SQLAlchemy URLs as users write them", () => {
  it.each([
    ["postgresql://u:p@db:5432/shop", "postgresql://u:p@db:5432/shop", "postgresql://u:p@db:5432/shop"],
    ["postgresql+psycopg2://u:p@db/shop?sslmode=require", "postgresql://u:p@db/shop?sslmode=require", "postgresql+psycopg2://u:p@db/shop?sslmode=require"],
    ["postgresql+asyncpg://u@db/shop", "postgresql://u@db/shop", "postgresql+asyncpg://u@db/shop"],
    ["postgres://u:p@db/shop", "postgresql://u:p@db/shop", "postgresql://u:p@db/shop"],
  ])("%s", (raw, connectionString, sqlalchemyUrl) => {
    expect(ok(raw)).toMatchObject({ kind: "postgresql", connectionString, sqlalchemyUrl });
  });

  it.each([
    ["sqlite:///relative.db", "/srv/app/relative.db", null, "sqlite:////srv/app/relative.db"],
    ["sqlite:///data/dev.db", "/srv/app/data/dev.db", null, "sqlite:////srv/app/data/dev.db"],
    ["sqlite:////var/lib/app.db", "/var/lib/app.db", null, "sqlite:////var/lib/app.db"],
    ["sqlite+aiosqlite:///x.db", "/srv/app/x.db", "aiosqlite", "sqlite+aiosqlite:////srv/app/x.db"],
    ["sqlite+pysqlite:////tmp/y.db?timeout=5", "/tmp/y.db", "pysqlite", "sqlite+pysqlite:////tmp/y.db?timeout=5"],
  ])("%s", (raw, file, driver, sqlalchemyUrl) => {
    expect(ok(raw)).toMatchObject({ kind: "sqlite", file, driver, sqlalchemyUrl });
  });

  it.each([
    ["mysql://root@127.0.0.1:3306/app", { host: "127.0.0.1", port: 3306, user: "root", password: undefined, database: "app", sqlalchemyUrl: "mysql+pymysql://root@127.0.0.1:3306/app" }],
    ["mysql+pymysql://app:p%40ss@db/shop?charset=utf8mb4", { host: "db", port: 3306, user: "app", password: "p@ss", database: "shop", charset: "utf8mb4", sqlalchemyUrl: "mysql+pymysql://app:p%40ss@db/shop?charset=utf8mb4" }],
    ["mysql+mysqldb://app@db:3307/shop", { port: 3307, driver: "mysqldb", sqlalchemyUrl: "mysql+mysqldb://app@db:3307/shop" }],
    ["mariadb+mariadbconnector://app@db/shop", { driver: "mariadbconnector", database: "shop" }],
    ["mysql://root@127.0.0.1:3306", { database: null }],
    ["mysql+pymysql://u@db/shop?ssl_mode=REQUIRED", { ssl: true }],
  ])("%s", (raw, expected) => {
    expect(ok(raw)).toMatchObject({ kind: "mysql", ...expected });
  });

  it("lists the password, user and host among the secrets to redact", () => {
    expect(ok("postgresql://scott:tiger-pw@db.internal/shop").secrets).toEqual(expect.arrayContaining(["tiger-pw", "scott", "db.internal"]));
  });
});

describe("parseDatabaseUrl refuses what Retort cannot use, without echoing the URL", () => {
  it.each([
    ["oracle://scott:tiger-pw@db/orcl", /unsupported database "oracle"; Retort supports postgresql/],
    ["postgresql+pygresql://scott:tiger-pw@db/x", /unsupported driver "pygresql" for postgresql; supported drivers: psycopg2, psycopg, asyncpg, pg8000/],
    ["mysql+foo://scott:tiger-pw@db/x", /unsupported driver "foo" for mysql/],
    ["sqlite://", /in-memory SQLite database/],
    ["sqlite:///:memory:", /in-memory/],
    ["sqlite://scott:tiger-pw@host/x.db", /names a file, not a server/],
    ["mysql://scott:tiger-pw@db:99999/x", /port/],
    ["scott:tiger-pw@db/x", /is not a database URL/],
  ])("%s", (raw, message) => {
    const text = refused(raw);
    expect(text).toMatch(message);
    expect(text).not.toContain("tiger-pw");
    expect(text).not.toContain("scott");
  });
});
