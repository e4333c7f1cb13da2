/* lk-backoff.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-backoff.h"

#define JITTER 0.2

/**
 * lk_backoff_init:
 * @backoff: a backoff to set up
 * @initial_ms: the first delay, in milliseconds (at least 1)
 * @max_ms: the longest delay
 */
void
lk_backoff_init (LkBackoff *backoff,
                 guint      initial_ms,
                 guint      max_ms)
{
  g_return_if_fail (backoff != NULL);

  backoff->initial_ms = MAX (initial_ms, 1);
  backoff->max_ms = MAX (max_ms, backoff->initial_ms);
  backoff->attempt = 0;
}

/**
 * lk_backoff_reset:
 * @backoff: a backoff
 *
 * Starts again from the first delay, after a success.
 */
void
lk_backoff_reset (LkBackoff *backoff)
{
  g_return_if_fail (backoff != NULL);

  backoff->attempt = 0;
}

/**
 * lk_backoff_delay_for_attempt:
 * @initial_ms: the first delay
 * @max_ms: the longest delay
 * @attempt: 0 for the first retry
 *
 * The schedule without jitter: `min (initial × 2^attempt, max)`.
 *
 * Returns: the delay in milliseconds
 */
guint
lk_backoff_delay_for_attempt (guint initial_ms,
                              guint max_ms,
                              guint attempt)
{
  guint64 delay = MAX (initial_ms, 1);
  guint64 cap = MAX (max_ms, delay);

  for (guint i = 0; i < attempt && delay < cap; i++)
    delay *= 2;

  return (guint) MIN (delay, cap);
}

/**
 * lk_backoff_next:
 * @backoff: a backoff
 * @rand: (nullable): where the jitter comes from; %NULL for GLib's global generator
 *
 * Hands out the next delay and counts the attempt.
 *
 * Returns: the delay in milliseconds, within ±20 % of the schedule and never above the
 *   maximum
 */
guint
lk_backoff_next (LkBackoff *backoff,
                 GRand     *rand)
{
  double base;
  double factor;
  double delay;

  g_return_val_if_fail (backoff != NULL, 0);

  base = lk_backoff_delay_for_attempt (backoff->initial_ms, backoff->max_ms, backoff->attempt);
  if (backoff->attempt < G_MAXUINT)
    backoff->attempt++;

  factor = rand ? g_rand_double_range (rand, 1.0 - JITTER, 1.0 + JITTER)
                : g_random_double_range (1.0 - JITTER, 1.0 + JITTER);
  delay = base * factor;

  return (guint) CLAMP (delay, 1.0, (double) backoff->max_ms);
}
