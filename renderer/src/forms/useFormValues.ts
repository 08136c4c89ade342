// A form's current values, whole (defaults merged), re-rendering on every change: for what
// a form shows from them, and for checking readiness in the same render as the change.
import { useWatch, type Control, type FieldValues } from 'react-hook-form';

export function useFormValues<Values extends FieldValues>(control: Control<Values, unknown, unknown>): Values {
  // Without a name, useWatch returns every value of the form; its type only says "partial" for deep paths.
  return useWatch({ control }) as Values;
}
