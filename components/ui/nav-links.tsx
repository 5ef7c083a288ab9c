import Link from "next/link";
import { useTranslations } from "next-intl";

export type NavItem = { href: string; text: React.ReactNode; show?: boolean };

// The app's two menus: the header's, and the admin section's row of tabs.
const MENUS = {
  main: {
    label: "Shell.mainMenu",
    nav: "flex flex-wrap items-center gap-x-2 gap-y-1 text-base",
    link: "rounded-md px-2 py-1 text-blue-800 underline-offset-4 hover:underline",
  },
  admin: {
    label: "Nav.admin",
    nav: "flex flex-wrap gap-2 border-b border-slate-200 pb-3 text-base",
    link: "rounded-md px-3 py-1 text-blue-800 hover:bg-blue-50",
  },
} as const;

/** A menu as a named navigation landmark; an item with `show: false` is left out. */
export function NavLinks({ menu, items }: { menu: keyof typeof MENUS; items: NavItem[] }) {
  const m = MENUS[menu];
  const t = useTranslations();
  return (
    <nav aria-label={t(m.label)} className={m.nav}>
      {items
        .filter((item) => item.show !== false)
        .map((item) => (
          <Link key={item.href} href={item.href} className={m.link}>
            {item.text}
          </Link>
        ))}
    </nav>
  );
}
