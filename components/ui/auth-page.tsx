import Link from "next/link";

/**
 * The narrow centred page of signing in, registering and choosing a password: the h1 and what
 * it is for, the content, and the way to the alternative underneath ("Already have an account?
 * Sign in").
 */
export function AuthPage({
  title,
  lead,
  footer,
  switcher,
  children,
}: {
  title: string;
  lead?: React.ReactNode;
  footer: { question: string; href: string; link: string };
  /** The language switcher (components/ui/language-switcher.tsx), above the title. */
  switcher?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-4 py-10">
      {switcher}
      <div>
        <h1 className="text-3xl font-bold">{title}</h1>
        {lead && <p className="mt-2 text-slate-700">{lead}</p>}
      </div>
      {children}
      <p className="text-slate-700">
        {footer.question}{" "}
        <Link href={footer.href} className="text-blue-800 underline underline-offset-4">
          {footer.link}
        </Link>
      </p>
    </main>
  );
}

/** The white card a form sits on. */
export function FormCard({ children }: { children: React.ReactNode }) {
  return <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">{children}</div>;
}
