// GET|POST /api/auth/* — Auth.js (sign-in, sign-out, session, providers' callbacks)
import { authRoute } from "@/lib/identity/auth";

export const GET = authRoute;
export const POST = authRoute;
