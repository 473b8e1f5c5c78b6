// lib/core/read: a migration directory's files as Alembic's ScriptDirectory loads them. The
// revision header of a Python file (read statically, never executed) or a native SQL file, the
// alembic.ini (configparser's interpolation), and SQL split into statements.
export { readAlembicIni, type AlembicIniConfig } from "./alembic-config";
export { getOption, isSecretOption, parseIni, type IniDocument } from "./ini";
export { createModuleResolver, parsePythonRevision } from "./parse-python";
export { parseSqlRevision } from "./parse-sql";
export { splitSqlStatements, sqlStatements, type SqlStatement } from "./sql-statements";
