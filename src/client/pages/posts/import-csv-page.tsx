import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Code,
  FileButton,
  Group,
  ScrollArea,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconCheck, IconFileImport, IconFileUpload, IconListCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { BrandPicker, useBrandChoice, type BrandOption } from '../../components/post-brand-picker';
import { SkeletonLines } from '../../components/query-state';
import { errorDetails } from '../../lib/errors';
import { notifySuccess } from '../../lib/feedback';
import { trpc, type RouterOutputs } from '../../trpc';

type ImportResult = RouterOutputs['posts']['importCsv'];
type CsvProblem = ImportResult['problems'][number];

const SAMPLE = `date,time,caption,image_urls,targets,instagram_caption,alt_texts
2026-06-01,09:30,"Summer menu is here ☀️",https://cdn.example.com/summer.jpg,"facebook,instagram",,"Iced latte on a terrace"
,,"A draft without a date",,facebook,,`;

export function ImportCsvPage() {
  const choice = useBrandChoice();

  if (choice.brands.isPending) return <SkeletonLines count={3} height={120} />;
  if (choice.brands.error || !choice.brand) {
    return (
      <ErrorAlert
        error={
          choice.brands.error ?? new Error('Create a brand first: posts are imported into one.')
        }
        title="Nothing to import into"
        onRetry={() => choice.brands.refetch()}
      />
    );
  }

  return (
    <>
      <Breadcrumbs mb="xs" fz="sm">
        <Anchor component={Link} to={`/posts?brand=${choice.brand.id}`}>
          Posts
        </Anchor>
        <Text size="sm">Import</Text>
      </Breadcrumbs>
      <PageHeader
        title="Import posts from CSV"
        description="Check the file first: nothing is written until every row is right, then all rows are imported at once."
        actions={
          <BrandPicker brands={choice.list} value={choice.brand.id} onChange={choice.setBrandId} />
        }
      />
      <CsvImport key={choice.brand.id} brand={choice.brand} />
    </>
  );
}

function CsvImport({ brand }: { brand: BrandOption }) {
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const [csv, setCsv] = useState('');
  const [checked, setChecked] = useState<{ csv: string; result: ImportResult } | null>(null);
  const importCsv = trpc.posts.importCsv.useMutation();

  const upToDate = checked !== null && checked.csv === csv;
  const result = upToDate ? checked.result : null;
  const ready =
    result !== null && result.problems.length === 0 && result.scheduled + result.drafts > 0;

  const readFile = async (file: File | null) => {
    if (!file) return;
    setCsv(await file.text());
    setChecked(null);
  };

  const check = () =>
    importCsv.mutate(
      { brandId: brand.id, csv, dryRun: true },
      { onSuccess: (answer) => setChecked({ csv, result: answer }) },
    );

  const commit = () =>
    importCsv.mutate(
      { brandId: brand.id, csv, dryRun: false },
      {
        onSuccess: async (answer) => {
          notifySuccess(
            `Imported ${answer.scheduled} scheduled post${answer.scheduled === 1 ? '' : 's'} and ${answer.drafts} draft${answer.drafts === 1 ? '' : 's'}`,
          );
          await utils.posts.invalidate();
          navigate(`/posts?brand=${brand.id}`);
        },
        onError: (error) => {
          // The file changed on the server's side (a post, the connection): show the fresh list.
          const problems = errorDetails(error)?.problems as CsvProblem[] | undefined;
          if (problems) setChecked({ csv, result: { ...checked!.result, problems } });
        },
      },
    );

  return (
    <Stack gap="lg">
      <Card padding="lg">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <Title order={2} size="h4">
              1. The file
            </Title>
            <FileButton onChange={readFile} accept=".csv,text/csv">
              {(props) => (
                <Button {...props} variant="light" leftSection={<IconFileUpload size={16} />}>
                  Choose a CSV file
                </Button>
              )}
            </FileButton>
          </Group>
          <Textarea
            label="CSV text"
            description={`Times are on ${brand.name}'s clock (${brand.timezone}). Rows without date and time become drafts.`}
            placeholder={SAMPLE}
            autosize
            minRows={6}
            maxRows={16}
            value={csv}
            onChange={(event) => setCsv(event.currentTarget.value)}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          />
          <Text size="xs" c="dimmed">
            Columns: <Code>date</Code> <Code>time</Code> <Code>caption</Code>{' '}
            <Code>image_urls</Code> (one per line) <Code>targets</Code> (facebook, instagram){' '}
            <Code>instagram_caption</Code> <Code>alt_texts</Code> (one per line). An export has the
            same columns.
          </Text>
          <Group>
            <Button
              leftSection={<IconListCheck size={16} />}
              disabled={csv.trim() === '' || (importCsv.isPending && !upToDate)}
              loading={importCsv.isPending && importCsv.variables?.dryRun === true}
              onClick={check}
            >
              Check the file
            </Button>
          </Group>
        </Stack>
      </Card>

      {importCsv.error && !errorDetails(importCsv.error)?.problems && (
        <ErrorAlert error={importCsv.error} title="The import did not go through" />
      )}

      {result && (
        <Card padding="lg">
          <Title order={2} size="h4" mb="sm">
            2. What the check found
          </Title>
          {result.problems.length > 0 ? (
            <ProblemTable problems={result.problems} />
          ) : result.scheduled + result.drafts === 0 ? (
            <Alert color="yellow">The file has a header but no posts.</Alert>
          ) : (
            <Stack>
              <Alert color="teal" icon={<IconCheck />} title="Ready to import">
                {result.scheduled} post{result.scheduled === 1 ? '' : 's'} will be scheduled and{' '}
                {result.drafts} saved as draft{result.drafts === 1 ? '' : 's'}.
              </Alert>
              <Group>
                <Button
                  leftSection={<IconFileImport size={16} />}
                  disabled={!ready}
                  loading={importCsv.isPending && importCsv.variables?.dryRun === false}
                  onClick={commit}
                >
                  Import {result.scheduled + result.drafts} post
                  {result.scheduled + result.drafts === 1 ? '' : 's'}
                </Button>
              </Group>
            </Stack>
          )}
        </Card>
      )}
    </Stack>
  );
}

function ProblemTable({ problems }: { problems: CsvProblem[] }) {
  return (
    <Stack gap="sm">
      <Alert
        color="red"
        title={`${problems.length} problem${problems.length === 1 ? '' : 's'} to fix`}
      >
        Nothing was imported. Fix these rows in the file (or above) and check again.
      </Alert>
      <ScrollArea.Autosize mah={420}>
        <Table striped withTableBorder aria-label="Problems in the file">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>Row</Table.Th>
              <Table.Th w={160}>Column</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {problems.map((problem, index) => (
              <Table.Tr key={index}>
                <Table.Td>{problem.row}</Table.Td>
                <Table.Td>{problem.column || 'whole row'}</Table.Td>
                <Table.Td>{problem.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}
