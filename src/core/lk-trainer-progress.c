/* lk-trainer-progress.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-trainer-progress"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lk-trainer-progress.h"

gboolean
lk_trainer_parse_line (const char        *line,
                       LkTrainerProgress *progress)
{
  static GRegex *epoch_regex, *steps_regex, *loss_regex, *total_regex;
  static gsize regexes_ready = 0;
  g_autoptr(GMatchInfo) match = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (progress != NULL, FALSE);

  progress->step = progress->total_steps = -1;
  progress->epoch = progress->total_epochs = -1;
  progress->loss = -1.0;

  if (g_once_init_enter (&regexes_ready))
    {
      steps_regex = g_regex_new ("(\\d+)/(\\d+) \\[", G_REGEX_OPTIMIZE, 0, NULL);
      loss_regex = g_regex_new ("\\[[^]]*\\b(?:avr_)?loss=([0-9.eE+-]+)", G_REGEX_OPTIMIZE, 0,
                                NULL);
      total_regex = g_regex_new ("^\\s*total optimization steps\\b[^:]*:\\s*(\\d+)",
                                 G_REGEX_OPTIMIZE, 0, NULL);
      epoch_regex = g_regex_new ("^\\s*epoch (\\d+)/(\\d+)\\s*$", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regexes_ready, 1);
    }

  if (g_regex_match (epoch_regex, line, 0, &match))
    {
      g_autofree char *epoch = g_match_info_fetch (match, 1);
      g_autofree char *total = g_match_info_fetch (match, 2);

      progress->epoch = atoi (epoch);
      progress->total_epochs = atoi (total);
      return TRUE;
    }
  g_clear_pointer (&match, g_match_info_free);

  if (g_regex_match (total_regex, line, 0, &match))
    {
      g_autofree char *total = g_match_info_fetch (match, 1);

      progress->total_steps = g_ascii_strtoll (total, NULL, 10);
      return TRUE;
    }
  g_clear_pointer (&match, g_match_info_free);

  if (strstr (line, "steps:") == NULL)
    return FALSE;

  if (g_regex_match (steps_regex, line, 0, &match))
    {
      g_autofree char *step = g_match_info_fetch (match, 1);
      g_autofree char *total = g_match_info_fetch (match, 2);

      progress->step = g_ascii_strtoll (step, NULL, 10);
      progress->total_steps = g_ascii_strtoll (total, NULL, 10);
      found = TRUE;
    }
  g_clear_pointer (&match, g_match_info_free);

  if (g_regex_match (loss_regex, line, 0, &match))
    {
      g_autofree char *loss = g_match_info_fetch (match, 1);

      progress->loss = g_ascii_strtod (loss, NULL);
      found = TRUE;
    }

  return found;
}
