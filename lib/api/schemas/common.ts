// Zod building blocks shared by the REST API's parameter and response schemas (and so by the
// OpenAPI document generated from them). Parameters arrive as strings from query strings and forms.
import { z } from "zod";
import "zod-openapi";
import { CHALLENGE_PAYLOAD_MAX } from "../../identity/throttle/challenge-solve.ts";
import { MAX_ID, parseId } from "../../platform/ids.ts";

/** `include[]=a&include[]=b`, `include=a` or a JSON array → a string array (unknown values ignored, as Canvas does). */
export const listParam = (description: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .meta({ description });

/** Rails-style booleans: true/false, "true"/"false", "1"/"0". */
export const booleanParam = (description: string) =>
  z
    .union([z.boolean(), z.enum(["true", "false", "1", "0", "on", "off", ""])])
    .optional()
    .transform((v) => v === true || v === "true" || v === "1" || v === "on")
    .meta({ description });

/** A numeric id sent as a string or number. */
export const idParam = (description: string) =>
  z
    .union([
      z.number().int().positive().max(MAX_ID, "must be a numeric id"),
      z
        .string()
        .trim()
        .refine((s) => parseId(s) !== null, "must be a numeric id"),
    ])
    .transform((v) => Number(v))
    .meta({ description });

/** A user id as Canvas accepts it in parameters: numeric, `self`, `sis_user_id:…`, `sis_login_id:…` (resolved by the route). */
export const userRefParam = (description: string) =>
  z
    .union([z.number().int().positive(), z.string().trim().min(1).max(300)])
    .transform((v) => String(v))
    .meta({ description });

export const rootAccountIdParam = z
  .union([z.literal("all"), idParam("A root account id.")])
  .optional()
  .meta({
    description:
      "A root account id, or `all` for every root account both users share. Absent: the root account of the host (the domain root account).",
  });

/** The answer to a pairing-code guessing challenge (lib/identity/throttle/challenge-solve.ts solves one). */
export const challengeParam = z
  .string()
  .trim()
  .max(CHALLENGE_PAYLOAD_MAX)
  .optional()
  .meta({
    description:
      "Only after a 429 whose body has a `challenge`: an [ALTCHA](https://altcha.org) proof of work, " +
      '`{"parameters": {"algorithm": "PBKDF2/SHA-256", "cost", "keyLength", "keyPrefix", "nonce", "salt", "expiresAt"}, "signature"}`. ' +
      "Find a counter `n` such that PBKDF2-HMAC-SHA-256 (password: the bytes of hex `nonce` followed by `n` as a 4-byte big-endian integer; salt: the bytes of hex `salt`; `cost` iterations; `keyLength` bytes) begins with the bytes of hex `keyPrefix` " +
      '(about 256 tries), and send the same request again with `challenge` = base64 of the JSON `{"challenge": <the challenge as received>, "solution": {"counter": n, "derivedKey": "<the key, lowercase hex>"}}` ' +
      "— the payload the ALTCHA widget submits; altcha-lib's `solveChallenge` computes it. Each solution is accepted once, until `expiresAt` (10 minutes). " +
      'The earlier `{token, difficulty, algorithm: "sha256-leading-zero-bits"}` challenge and its `<token>:<nonce>` answer are no longer issued or accepted.',
  });

// Lenient on input (pageRequest clamps anything), documented as the integers clients should send.
const integerParam = (description: string, bounds: { minimum: number; maximum?: number }) =>
  z
    .union([z.string(), z.number()])
    .optional()
    .meta({
      description,
      override: ({ jsonSchema }) => {
        delete jsonSchema.anyOf;
        Object.assign(jsonSchema, { type: "integer", ...bounds });
      },
    });

export const paginationParams = {
  page: integerParam("Page number, from 1. A page past the end is an empty array.", { minimum: 1 }),
  per_page: integerParam("Items per page (default 10, clamped to 1..100).", { minimum: 1, maximum: 100 }),
};

export const noParams = z.object({});

const isoDate = z.string().meta({ format: "date-time" });
export const dateTime = isoDate;

/** Canvas's User object. */
export const userJsonSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    created_at: isoDate,
    sortable_name: z.string(),
    short_name: z.string(),
    pronouns: z.string().nullable().optional(),
    avatar_url: z.string().nullable().optional().meta({ description: "With `include[]=avatar_url`." }),
    login_id: z.string().optional().meta({ description: "Only for admins who manage the user." }),
    sis_user_id: z
      .string()
      .nullable()
      .optional()
      .meta({ description: "Only for admins who manage the user." }),
    email: z.string().nullable().optional().meta({ description: "Only for admins, with `include[]=email`." }),
    observation_link_root_account_ids: z
      .array(z.number().int())
      .optional()
      .meta({ description: "Observee and observer lists: the root accounts the link exists in." }),
  })
  .meta({ id: "User" });

export const errorSchema = z
  .object({
    status: z.enum(["unauthenticated", "unauthorized"]).optional(),
    errors: z.array(z.object({ message: z.string() })),
  })
  .meta({ id: "Error", description: "Canvas's error body." });
