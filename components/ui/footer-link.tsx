import Link from "next/link";

/** The line under a sign-in style form pointing to its alternative ("Already have an account? Sign in"). */
export function FooterLink({
  question,
  href,
  children,
}: {
  question: string;
  href: string;
  children: React.ReactNode;
}) {
  return (
    <p className="text-slate-700">
      {question}{" "}
      <Link href={href} className="text-blue-800 underline underline-offset-4">
        {children}
      </Link>
    </p>
  );
}
