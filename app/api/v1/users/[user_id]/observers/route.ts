// GET /api/v1/users/:user_id/observers — list a student's observers
import { listLinkedRoute } from "../linked-users";

export const GET = listLinkedRoute("observers");
