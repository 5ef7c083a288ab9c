"use client";
import { useActionState, useRef, useState } from "react";
import type { ActionState } from "@/lib/platform/action-state";
import { FieldError } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { uploadImportAction } from "./actions";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_MB } from "./limits";
import { number } from "./words";

const kb = (bytes: number) => `${number(Math.max(1, Math.round(bytes / 1024)))} KB`;

/**
 * The upload: a drop zone around an ordinary labelled file input (keyboard and screen-reader
 * users use the input; a dropped file is put into it, so the form sends it either way).
 */
export function UploadForm({ accountId }: { accountId: number }) {
  const [state, action] = useActionState(uploadImportAction, {} as ActionState);
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const [tooBig, setTooBig] = useState(false);
  const errors = tooBig
    ? [`One import takes at most ${MAX_UPLOAD_MB} MB of files.`]
    : state.fieldErrors?.file;

  function choose(files: FileList | null) {
    const list = [...(files ?? [])];
    setChosen(list);
    setTooBig(list.reduce((total, f) => total + f.size, 0) > MAX_UPLOAD_BYTES);
  }

  function drop(e: React.DragEvent) {
    e.preventDefault();
    setDragging(false);
    if (!input.current || e.dataTransfer.files.length === 0) return;
    input.current.files = e.dataTransfer.files;
    choose(e.dataTransfer.files);
  }

  return (
    <form
      action={action}
      // React resets the form after the action: the file input empties, so its summary must too.
      onSubmit={(e) => (tooBig ? e.preventDefault() : setChosen([]))}
      className="flex flex-col gap-4"
      noValidate
    >
      {state.message && <Notice tone="error">{state.message}</Notice>}
      <input type="hidden" name="root_account_id" value={accountId} />
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={drop}
        className={`flex flex-col gap-2 rounded-lg border-2 border-dashed p-4 sm:p-6 ${
          dragging ? "border-blue-700 bg-blue-50" : "border-slate-400 bg-slate-50"
        }`}
      >
        <label htmlFor="import-file" className="font-semibold text-slate-900">
          File to import (.csv or .zip)
        </label>
        <p id="import-file-hint" className="text-sm text-slate-700">
          Choose a file, or drag and drop it into this box. Up to {MAX_UPLOAD_MB} MB; several CSV files may go
          in one .zip.
        </p>
        <input
          ref={input}
          id="import-file"
          type="file"
          name="file"
          accept=".csv,.zip,text/csv,application/zip"
          multiple
          onChange={(e) => choose(e.currentTarget.files)}
          aria-describedby="import-file-hint import-file-chosen import-file-error"
          aria-invalid={errors?.length ? true : undefined}
          className="w-full max-w-full text-sm text-slate-800 file:mr-3 file:rounded-md file:border file:border-slate-400 file:bg-white file:px-3 file:py-2 file:font-semibold file:text-slate-900 hover:file:bg-slate-100"
        />
        <p id="import-file-chosen" aria-live="polite" className="text-sm break-all text-slate-800">
          {chosen.length > 0 && `Chosen: ${chosen.map((f) => `${f.name} (${kb(f.size)})`).join(", ")}`}
        </p>
        <FieldError id="import-file-error" errors={errors} compact />
      </div>
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          name="dry_run"
          defaultChecked={state.values ? state.values.dry_run === "on" : true}
          className="mt-1"
        />
        <span>Dry run first (nothing is changed)</span>
      </label>
      <div>
        <SubmitButton pendingText="Uploading…">Upload</SubmitButton>
      </div>
    </form>
  );
}
