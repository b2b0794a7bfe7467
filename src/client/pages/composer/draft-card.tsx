import {
  Badge,
  Button,
  Card,
  Group,
  List,
  Menu,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowRight, IconChevronDown, IconWand } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PLATFORM_LABELS, PLATFORMS, type Platform } from '../../../common/platforms';
import { CaptionMeter } from '../../components/caption-meter';
import { PostPreview } from '../../components/post-preview';
import { feedback } from '../../lib/feedback';
import { useAccountName } from '../../lib/use-account-name';
import { trpc } from '../../trpc';

const rewrites = [
  { instruction: 'shorten', label: 'Shorten' },
  { instruction: 'more_formal', label: 'More formal' },
  { instruction: 'more_casual', label: 'More casual' },
  { instruction: 'translate', label: 'Translate to the brand’s language' },
  { instruction: 'adapt_to_instagram', label: 'Adapt for Instagram' },
  { instruction: 'adapt_to_facebook', label: 'Adapt for Facebook' },
] as const;

interface Warning {
  rule: string;
  message: string;
}

interface DraftCardProps {
  index: number;
  brand: { id: string; name: string; language: string };
  platform: Platform;
  text: string;
  warnings: Warning[];
  /** Still being written: shown as it arrives, not yet editable. */
  streaming: boolean;
  answeredBy?: string;
  canEdit: boolean;
}

/** One draft: its text, the brand-rule warnings, one-click rewrites, a preview, and "use it". */
export function DraftCard(props: DraftCardProps) {
  const { index, brand, streaming, canEdit } = props;
  const navigate = useNavigate();
  const [text, setText] = useState(props.text);
  const [warnings, setWarnings] = useState(props.warnings);
  const [platform, setPlatform] = useState<Platform>(props.platform);
  const [answeredBy, setAnsweredBy] = useState(props.answeredBy);
  const [view, setView] = useState<'text' | 'preview'>('text');
  const accountName = useAccountName(brand, platform);
  const shown = streaming ? props.text : text;

  const rewrite = trpc.ai.rewrite.useMutation(
    feedback({
      success: 'Rewritten',
      then: (result) => {
        setText(result.text);
        setWarnings(result.warnings);
        setPlatform(result.platform);
        setAnsweredBy(
          result.provider === 'sandbox'
            ? 'Sample text, not AI'
            : `${result.provider} · ${result.model}`,
        );
      },
    }),
  );

  const useDraft = () =>
    navigate(`/posts/new?brand=${brand.id}`, { state: { caption: text, platform } });

  return (
    <Card padding="lg" aria-busy={streaming} aria-label={`Draft ${index + 1}`} component="article">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Text fw={600}>Draft {index + 1}</Text>
          {streaming && <Badge variant="dot">writing…</Badge>}
          {answeredBy && (
            <Badge variant="light" color={answeredBy.startsWith('Sample') ? 'grape' : 'gray'}>
              {answeredBy}
            </Badge>
          )}
        </Group>
        {!streaming && (
          <SegmentedControl
            size="xs"
            value={view}
            onChange={(value) => setView(value as 'text' | 'preview')}
            data={[
              { value: 'text', label: 'Text' },
              { value: 'preview', label: 'Preview' },
            ]}
            aria-label={`Show draft ${index + 1} as`}
          />
        )}
      </Group>

      {streaming ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} aria-live="polite">
          {shown || '…'}
        </Text>
      ) : view === 'text' ? (
        <Stack gap={4}>
          <Textarea
            aria-label={`Text of draft ${index + 1}`}
            autosize
            minRows={4}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
          />
          <CaptionMeter text={text} platforms={[platform]} />
        </Stack>
      ) : (
        <Stack gap="xs">
          <SegmentedControl
            size="xs"
            w="fit-content"
            value={platform}
            onChange={(value) => setPlatform(value as Platform)}
            data={PLATFORMS.map((value) => ({ value, label: PLATFORM_LABELS[value] }))}
            aria-label="Preview platform"
          />
          <PostPreview platform={platform} accountName={accountName} caption={text} media={[]} />
        </Stack>
      )}

      {!streaming && warnings.length > 0 && (
        <List
          mt="sm"
          size="sm"
          spacing={4}
          icon={<IconAlertTriangle size={14} color="var(--mantine-color-orange-7)" />}
          aria-label="Brand-rule warnings"
        >
          {warnings.map((warning, i) => (
            <List.Item key={i}>
              <Text size="sm" c="orange.8">
                {warning.message}
              </Text>
            </List.Item>
          ))}
        </List>
      )}

      {!streaming && canEdit && (
        <Group mt="md" justify="space-between">
          <Menu position="bottom-start">
            <Menu.Target>
              <Button
                variant="default"
                size="xs"
                leftSection={<IconWand size={14} />}
                rightSection={<IconChevronDown size={14} />}
                loading={rewrite.isPending}
              >
                Rewrite
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {rewrites.map((option) => (
                <Menu.Item
                  key={option.instruction}
                  onClick={() =>
                    rewrite.mutate({
                      brandId: brand.id,
                      text,
                      instruction: option.instruction,
                      platform:
                        option.instruction === 'adapt_to_instagram'
                          ? 'instagram'
                          : option.instruction === 'adapt_to_facebook'
                            ? 'facebook'
                            : platform,
                      language: option.instruction === 'translate' ? brand.language : undefined,
                    })
                  }
                >
                  {option.label}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <Button size="xs" rightSection={<IconArrowRight size={14} />} onClick={useDraft}>
            Use this draft
          </Button>
        </Group>
      )}
    </Card>
  );
}
