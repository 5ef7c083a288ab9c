/** The second step before making someone enrolled as a student an observer (lib refuses it otherwise). */
export function ConfirmStudentObserver() {
  return (
    <label className="flex items-start gap-2 rounded-md border border-amber-400 bg-amber-50 p-3">
      <input type="checkbox" name="confirm_student_observer" value="true" className="mt-1" />
      <span>Yes, make this student an observer: I have checked that this is the right person.</span>
    </label>
  );
}
