import "server-only";
// The native-SQL executor's public API; the work lives in ./executor/.
export { executeMigrationPlan } from "./executor/migration";
export { rehearseMigrationPlan } from "./executor/rehearsal";
export { executeStampPlan } from "./executor/stamp";
export type {
  ExecutionCode,
  ExecutionResult,
  MigrationOptions,
  RehearsalOptions,
  StampOptions,
  StepResult,
  StepStatus,
} from "./executor/types";
