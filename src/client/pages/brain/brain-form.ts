import { schemaResolver, useForm, type UseFormReturnType } from '@mantine/form';
import { brandBrainSchema, type BrandBrain } from '../../../common/brand-brain';

export type BrainForm = UseFormReturnType<BrandBrain>;

const checkBrain = schemaResolver(brandBrainSchema, { sync: true });

/**
 * The Brand Brain editor's form, validated with the same schema the server uses
 * after every change. The whole profile is checked each time, because rules span
 * fields (duplicates in a list, the total size), and it is small enough to be instant.
 */
export function useBrainForm(content: BrandBrain): BrainForm {
  const form: BrainForm = useForm<BrandBrain>({
    mode: 'controlled',
    initialValues: content,
    validate: checkBrain,
    onValuesChange: (values) => form.setErrors(checkBrain(values)),
  });

  return form;
}
