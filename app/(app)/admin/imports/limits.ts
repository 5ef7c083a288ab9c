// The most one upload may carry. A family-roster row is about 80 bytes, so 9 MB is some 100,000
// families (a 1,000-family roster is under 100 KB). The whole request must also fit
// next.config.js's serverActions.bodySizeLimit (10 MB: the form's other fields ride along) and
// the 10 MB of a request body Next.js buffers for proxy.ts, which matches /admin.
export const MAX_UPLOAD_MB = 9;
export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024;
