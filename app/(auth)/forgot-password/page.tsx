import type { Metadata } from "next";
import { AuthPage, FormCard } from "@/components/ui/auth-page";
import { ForgotPasswordForm } from "./forgot-form";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <AuthPage
      title="Forgot your password?"
      lead="Enter the email you sign in with. We will email you a link to choose a new password."
      footer={{ question: "Remembered it?", href: "/login", link: "Sign in" }}
    >
      <FormCard>
        <ForgotPasswordForm />
      </FormCard>
    </AuthPage>
  );
}
