// Scalar's light theme made to pass axe (WCAG 2.2 AA): darker greys and HTTP-method colours
// (contrast ≥ 4.5:1 on its white and #f6f6f6 panels), 24 px sidebar toggles, copy buttons whose
// screen-reader label ("Copy") is not display:none until hovered, and endpoint lists that wrap at
// phone width instead of becoming a scrolling region that a keyboard cannot reach.
export const SCALAR_CSS = `
.light-mode {
  --scalar-color-1: #1a1a1a;
  --scalar-color-2: #545454;
  --scalar-color-3: #5e5e5e;
  --scalar-color-green: #006e45;
  --scalar-color-blue: #005c9e;
  --scalar-color-orange: #a93c00;
  --scalar-color-red: #b80000;
  --scalar-color-yellow: #805600;
  --scalar-color-purple: #6f36a8;
}
.scalar-code-copy .sr-only > .hidden { display: inline; }
li[data-sidebar-id] button[aria-expanded] { min-width: 24px; min-height: 24px; }
.endpoints .endpoint { flex-wrap: wrap; white-space: normal; }
.endpoints .endpoint-path { overflow-wrap: anywhere; }
`;
