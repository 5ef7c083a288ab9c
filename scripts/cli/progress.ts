// A progress line redrawn in place on a terminal; when stderr is not a terminal (a pipe, a log
// file, cron) it writes nothing at all, so scripted runs see only the summary on stdout.

export type Progress = {
  /** A phase with no count yet ("Staging families.csv…"). */
  note(text: string): void;
  update(done: number, total: number): void;
  /** Clears the line, leaving the terminal as it was. */
  done(): void;
};

const WIDTH = 28;

export function progressLine(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { note() {}, update() {}, done() {} };
  let start = 0;
  let drawn = 0;
  const draw = (text: string) => stream.write(`\r\x1b[K${text.slice(0, (stream.columns || 80) - 1)}`);
  return {
    note: draw,
    update(done, total) {
      const now = Date.now();
      start ||= now;
      if (now - drawn < 100 && done < total) return; // at most ten redraws a second
      drawn = now;
      const part = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(part * WIDTH);
      const rate = done / Math.max((now - start) / 1000, 0.001);
      draw(
        `[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${Math.floor(part * 100)}% ` +
          `${done.toLocaleString("en")}/${total.toLocaleString("en")} rows` +
          (now - start > 1000 ? ` · ${Math.round(rate).toLocaleString("en")} rows/s` : ""),
      );
    },
    done: () => stream.write("\r\x1b[K"),
  };
}
