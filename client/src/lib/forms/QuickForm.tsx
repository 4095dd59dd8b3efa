import type { FormEvent, ReactNode } from 'react';
import { FormProvider, type FieldValues, type UseFormReturn } from 'react-hook-form';

// Apart from FormError.tsx: the sign-in form uses FormError and must not bring react-hook-form.
/**
 * A panel's quick form, the provider of its react-hook-form `form` to the fields inside; `onSubmit`
 * is the form's submit handler (`handleSubmit(onValid, onInvalid)`, `submitWith(...)`), `label` its
 * accessible name, `noValidate` for a form whose schema alone checks it.
 */
export function QuickForm<V extends FieldValues>(props: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form, whatever its resolver gives
  form: UseFormReturn<V, any, any>;
  testId: string;
  onSubmit: (e: FormEvent<HTMLFormElement>) => unknown;
  label?: string;
  noValidate?: boolean;
  children: ReactNode;
}) {
  return (
    <FormProvider {...props.form}>
      <form
        className="qform"
        onSubmit={(e) => void props.onSubmit(e)}
        data-testid={props.testId}
        aria-label={props.label}
        noValidate={props.noValidate}
      >
        {props.children}
      </form>
    </FormProvider>
  );
}
