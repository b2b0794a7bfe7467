import { notifications } from '@mantine/notifications';
import { errorMessage, formErrorsOf } from './errors';

/** What `feedback` needs of a form: somewhere to put the server's field errors. */
interface ErrorTarget {
  setErrors(errors: Record<string, string>): void;
}

interface FeedbackOptions<TData> {
  /** Notification shown on success. */
  success?: string | ((data: TData) => string);
  /** A form that shows the server's field errors next to its fields. */
  form?: ErrorTarget;
  /** Runs after success, e.g. to invalidate queries or navigate. */
  then?: (data: TData) => unknown;
  /** Set to false when the caller shows the error itself (e.g. an inline CONFLICT alert). */
  notifyErrors?: boolean;
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', title: 'Done', message, autoClose: 3500 });
}

export function notifyError(error: unknown, title = 'That did not work'): void {
  notifications.show({ color: 'red', title, message: errorMessage(error), autoClose: 8000 });
}

/**
 * The one way mutations report back: spread it into `useMutation`.
 * Field errors land on the form, everything else in a notification.
 *
 * @example
 *   const create = trpc.brands.create.useMutation(
 *     feedback({ success: 'Brand created', form, then: () => utils.brands.list.invalidate() }),
 *   );
 */
export function feedback<TData>(options: FeedbackOptions<TData> = {}) {
  return {
    onSuccess: async (data: TData) => {
      await options.then?.(data);
      const success =
        typeof options.success === 'function' ? options.success(data) : options.success;
      if (success) notifySuccess(success);
    },
    onError: (error: unknown) => {
      const fieldErrors = formErrorsOf(error);
      const hasFieldErrors = Object.keys(fieldErrors).length > 0;
      if (options.form && hasFieldErrors) options.form.setErrors(fieldErrors);
      if (options.notifyErrors !== false) notifyError(error);
    },
  };
}
