/* lk-backoff.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LkBackoff:
 * @initial_ms: the first delay
 * @max_ms: the longest delay
 * @attempt: how many delays were handed out since the last reset
 *
 * Exponential backoff for reconnecting: @initial_ms, twice that, four times… up to @max_ms,
 * each with ±20 % jitter so that many clients of a restarted server do not all come back in
 * the same instant.
 */
typedef struct
{
  guint initial_ms;
  guint max_ms;
  guint attempt;
} LkBackoff;

void  lk_backoff_init              (LkBackoff *backoff,
                                    guint      initial_ms,
                                    guint      max_ms);
void  lk_backoff_reset             (LkBackoff *backoff);
guint lk_backoff_next              (LkBackoff *backoff,
                                    GRand     *rand);
guint lk_backoff_delay_for_attempt (guint      initial_ms,
                                    guint      max_ms,
                                    guint      attempt);

G_END_DECLS
