import { Group, Text } from '@mantine/core';
import { countCaption, LIMITS, PLATFORM_LABELS, type Platform } from '../../common/platforms';

interface CaptionMeterProps {
  text: string;
  /** The platforms whose limits apply; the tightest one is shown. */
  platforms: Platform[];
}

function tightest(platforms: Platform[], key: 'maxCaption' | 'maxHashtags' | 'maxMentions') {
  const limits = platforms.map((platform) => ({ platform, max: LIMITS[platform][key] }));
  return limits.sort((a, b) => a.max - b.max)[0];
}

/**
 * Live counts under a caption, counted the way the platforms count (code
 * points, hashtags and mentions as tokens), against the strictest target.
 */
export function CaptionMeter({ text, platforms }: CaptionMeterProps) {
  const counts = countCaption(text);
  const items = [
    { key: 'maxCaption' as const, label: 'characters', value: counts.characters },
    { key: 'maxHashtags' as const, label: 'hashtags', value: counts.hashtags },
    { key: 'maxMentions' as const, label: '@mentions', value: counts.mentions },
  ];

  return (
    <Group gap="md" wrap="wrap" aria-live="polite">
      {items.map(({ key, label, value }) => {
        const limit = tightest(platforms, key);
        const capped = limit && Number.isFinite(limit.max);
        const over = capped && value > limit.max;
        return (
          <Text key={key} size="xs" c={over ? 'red.7' : 'dimmed'} fw={over ? 600 : 400}>
            {value.toLocaleString('en')}
            {capped ? ` / ${limit.max.toLocaleString('en')}` : ''} {label}
            {over ? ` (${PLATFORM_LABELS[limit.platform]} limit)` : ''}
          </Text>
        );
      })}
    </Group>
  );
}
