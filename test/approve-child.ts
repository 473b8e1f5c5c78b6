// A separate Retort process that approves (and so runs) one request: the approval crash test
// kills it with SIGKILL mid-run. Run with `node --conditions=react-server --import tsx`.
import { approveRequest } from "../lib/server/actions/approvals";

const [id, approver] = process.argv.slice(2);
const result = await approveRequest({ actor: { name: approver!, role: "admin" }, id: id!, confirmation: id!.split(":")[0] });
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
