// The operations of the OpenAPI document the running app serves: what the sweep and the fuzzer
// cover, so a new route cannot be missed.
import { httpJson } from "./harness.ts";
import type { Operation } from "./fuzz-requests.ts";

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        parameters?: { name: string }[];
        requestBody?: { content: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
      }
    >
  >;
};

export async function servedOperations(): Promise<Operation[]> {
  const res = await httpJson("/api/v1/openapi.json");
  if (res.status !== 200) throw new Error(`openapi.json: ${res.status}`);
  const doc = res.json as Doc;
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      const body = Object.values(op.requestBody?.content ?? {})[0]?.schema?.properties ?? {};
      const names = [...(op.parameters ?? []).map((p) => p.name), ...Object.keys(body)];
      ops.push({ method, path, operationId: op.operationId, names: [...new Set(names)] });
    }
  return ops;
}
