import { describe, expect, it } from "vitest";
import * as observees from "../../app/api/v1/users/[user_id]/observees/route.ts";
import { db } from "../../lib/platform/db.ts";
import { world } from "../helpers/api-world.ts";
import { linkParent } from "../helpers/api-links.ts";
import { tokenFor } from "../helpers/api.ts";

describe("as_user_id: acting as another user", () => {
  it("as_user_id: an admin acts as the parent (audited); a non-admin may not masquerade", async () => {
    const w = await world();
    const call = await linkParent(w);
    const res = await call(observees.GET, {
      url: `/users/self/observees?as_user_id=${w.parent.id}`,
      params: { user_id: "self" },
      token: w.admin.token,
    });
    expect(res.status).toBe(200);
    expect(res.json.map((u: { id: number }) => u.id)).toEqual([w.student.id]);
    expect(
      await db.auditEvent.count({
        where: { action: "user.masqueraded", actorId: w.admin.id, subjectId: w.parent.id },
      }),
    ).toBe(1);
    const refused = await call(observees.GET, {
      url: `/users/self/observees?as_user_id=${w.parent.id}`,
      params: { user_id: "self" },
      token: w.stranger.token,
    });
    expect(refused.status).toBe(401);
    // An admin of another school cannot act as this school's users.
    const other = await call(observees.GET, {
      url: `/users/self/observees?as_user_id=${w.parent.id}`,
      params: { user_id: "self" },
      token: w.otherAdmin.token,
    });
    expect(other.status).toBe(401);
    // Nor can a root admin act as an admin of more than they administer.
    const subAdminAsAdmin = await call(observees.GET, {
      url: `/users/self/observees?as_user_id=${w.admin.id}`,
      params: { user_id: "self" },
      token: w.subAdmin.token,
    });
    expect(subAdminAsAdmin.status).toBe(401);
    expect(await tokenFor(w.parent.id)).toMatch(/^opk_/);
  });
});
