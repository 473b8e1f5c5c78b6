// The demo's environments: what each one shows, and how the seed gets it there.
import path from "node:path";
import {
  LEDGER,
  loadShop,
  runAlembic,
  runSql,
  SHOP,
  stampLedger,
  upgradeShop,
  type ShopProject,
} from "./demo-seed";
import { findAlembicPython } from "../lib/server/alembic-python";

/** The index staging's seed adds outside any migration, for its drift page to list. */
export const STAGING_HAND_INDEX = "customers_created_at_by_hand";

export type Protection = "none" | "confirm" | "approval" | "readonly";

export interface DemoEnvironment {
  name: string;
  project: "shop" | "ledger";
  protection: Protection;
  /** Null: no database (analytics points at a closed port). */
  database: string | null;
  /** What the dashboard should show, for the console summary. */
  story: string;
  /** The promotion order: the stage before this one, and whether skipping it is refused. */
  after?: string;
  promotion?: "warn" | "enforce";
  seed?: (ctx: SeedContext, url: string) => Promise<string | void>;
}

export interface SeedContext {
  /** The demo's copy of migrations/ (shop/, ledger/). */
  projectsDir: string;
  shop: ShopProject;
  alembicPython: string | null;
}

export const DEMO_ENVIRONMENTS: DemoEnvironment[] = [
  {
    name: "dev", project: "shop", protection: "none", database: "demo_dev",
    story: "on both heads (up to date)",
    seed: (ctx, url) => upgradeShop(ctx.shop, url, "heads"),
  },
  {
    name: "staging", project: "shop", protection: "confirm", database: "demo_staging", after: "dev",
    story: "behind by six revisions (promoted from dev), with an index someone added by hand (schema drift)",
    seed: async (ctx, url) => {
      await upgradeShop(ctx.shop, url, SHOP.concurrentIndex);
      await runSql(url, `CREATE INDEX ${STAGING_HAND_INDEX} ON customers (created_at)`);
    },
  },
  {
    name: "prod", project: "shop", protection: "confirm", database: "demo_prod", after: "staging", promotion: "enforce",
    story: "behind by nine revisions, protected (type the name to confirm; refuses revisions staging lacks)",
    seed: (ctx, url) => upgradeShop(ctx.shop, url, SHOP.merge),
  },
  {
    name: "preprod", project: "shop", protection: "approval", database: "demo_preprod",
    story: "behind, guarded by approval (a second admin approves)",
    seed: (ctx, url) => upgradeShop(ctx.shop, url, SHOP.merge),
  },
  {
    name: "qa", project: "shop", protection: "none", database: "demo_qa",
    story: "applied only one of the two divergent heads",
    seed: (ctx, url) => upgradeShop(ctx.shop, url, SHOP.promotionsHead),
  },
  {
    name: "legacy", project: "shop", protection: "confirm", database: "demo_legacy",
    story: "tables exist but alembic_version is missing (an app that called create_all)",
    seed: async (ctx, url) => {
      await upgradeShop(ctx.shop, url, SHOP.view);
      await runSql(url, "DROP TABLE alembic_version");
    },
  },
  {
    name: "sandbox", project: "shop", protection: "none", database: "demo_sandbox",
    story: `version table names ${SHOP.deletedRevision}, a revision no longer in the directory`,
    seed: async (ctx, url) => {
      await upgradeShop(ctx.shop, url, SHOP.shipments);
      await runSql(url, `UPDATE alembic_version SET version_num = '${SHOP.deletedRevision}'`);
    },
  },
  {
    name: "ledger-dev", project: "ledger", protection: "none", database: "demo_ledger_dev",
    story: "Alembic project, behind by four revisions",
    seed: async (ctx, url) => {
      if (ctx.alembicPython) {
        runAlembic(ctx.alembicPython, path.join(ctx.projectsDir, "ledger"), url, ["upgrade", LEDGER.reconciliations]);
        return;
      }
      await stampLedger(path.join(ctx.projectsDir, "ledger"), url, LEDGER.reconciliations);
      return "Python Alembic not found: stamped only, no ledger tables created";
    },
  },
  {
    name: "analytics", project: "shop", protection: "readonly", database: null,
    story: "unreachable (nothing listens on its port)",
  },
];

export async function seedContext(projectsDir: string): Promise<SeedContext> {
  return { projectsDir, shop: await loadShop(path.join(projectsDir, "shop")), alembicPython: findAlembicPython({ modules: ["alembic", "sqlalchemy", "psycopg2"] }) };
}

/** RETORT_DEMO_URL_<NAME>: the variable the generated config names for an environment. */
export function urlVariable(name: string): string {
  return `RETORT_DEMO_URL_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}
